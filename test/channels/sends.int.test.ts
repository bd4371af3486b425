import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

const repos = () => env.braid.ctx.store.repos;
const HOUR = 3_600_000;

/** A customer who has written on `channel`, and the conversation Braid made for it. */
async function customerWhoWrote(channel: 'instagram' | 'whatsapp', options: { phone?: string | null } = {}) {
  const customer = await env.platform.createCustomer(options.phone === undefined ? {} : { phone: options.phone });
  if (channel === 'instagram') await env.platform.sendInstagramText(customer.id, 'I have a question about my order');
  else await env.platform.sendWhatsAppText(customer.id, 'I have a question about my order');
  await env.settle();
  const channelId = channel === 'instagram' ? env.instagram.id : env.whatsapp.id;
  const identity = (await repos().identities.findByExternalId(channelId, channel === 'instagram' ? customer.igsid : customer.bsuid))!;
  const conversation = (await repos().conversations.findByIdentity(identity.id))!;
  return { customer, identity, conversation };
}

async function threadOf(conversationId: string) {
  const response = await env.agentApi.get(`/api/conversations/${conversationId}/messages`);
  expect(response.status).toBe(200);
  return response.body.messages as any[];
}

describe('agent replies', () => {
  it('sends a reply once even when Meta fails twice with 5xx first, and does not store its echo again', async () => {
    const { customer, conversation } = await customerWhoWrote('instagram');
    env.platform.failNextSends({ channel: 'instagram', count: 2, code: 1, httpStatus: 500 });
    const reply = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'Yes, we ship to Lisbon.' });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({ direction: 'outbound', status: 'pending', text: 'Yes, we ship to Lisbon.', sentBy: 'agent', channel: 'instagram' });

    await env.braid.drainJobs(); // first attempt: 500
    expect((await repos().messages.findById(reply.body.message.id))!.status).toBe('pending');
    env.braid.clock.advance(1000);
    await env.braid.drainJobs(); // second attempt: 500
    env.braid.clock.advance(2000);
    await env.settle(); // third attempt succeeds; the echo comes back as a webhook

    const sends = await env.platform.sends({ channel: 'instagram', customerId: customer.id });
    expect(sends).toHaveLength(1);
    expect(sends[0].body).toMatchObject({ recipient: { id: customer.igsid }, message: { text: 'Yes, we ship to Lisbon.' } });
    const outbound = (await threadOf(conversation.id)).filter((m) => m.direction === 'outbound');
    expect(outbound).toHaveLength(1);
    expect(outbound[0]).toMatchObject({ id: reply.body.message.id, status: 'sent', sentBy: 'agent' });
    expect((await repos().messages.findById(reply.body.message.id))!.externalId).toBe(sends[0].externalId);
  });

  it('stores a message written in the Instagram app (an echo Braid did not send) as the business’s', async () => {
    const { customer, conversation } = await customerWhoWrote('instagram');
    const now = env.braid.clock.now();
    const echo = {
      object: 'instagram',
      entry: [{ id: '17841400000000001', time: now, messaging: [{ sender: { id: '17841400000000001' }, recipient: { id: customer.igsid }, timestamp: now, message: { mid: 'm.from-the-app', text: 'Sent from my phone', is_echo: true } }] }],
    };
    await env.postWebhook('instagram', echo);
    await env.postWebhook('instagram', echo);
    const outbound = (await threadOf(conversation.id)).filter((m) => m.direction === 'outbound');
    expect(outbound).toHaveLength(1);
    expect(outbound[0]).toMatchObject({ text: 'Sent from my phone', sentBy: 'business_app', status: 'sent' });
  });

  it('marks a WhatsApp reply failed with Meta’s reason when it answers 131047', async () => {
    const { conversation } = await customerWhoWrote('whatsapp');
    env.platform.failNextSends({ channel: 'whatsapp', count: 1, code: 131047 });
    const reply = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'Here is your tracking number.' });
    expect(reply.status).toBe(201);
    await env.settle();
    const [failed] = (await threadOf(conversation.id)).filter((m) => m.id === reply.body.message.id);
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe('131047');
    expect(failed.error.title).toContain('Re-engagement message');
    expect(failed.error.title).toContain('more than 24 hours have passed');
    const job = (await repos().jobs.list({ kind: 'message.send' })).find((j) => (j.payload as any).messageId === reply.body.message.id)!;
    expect(job).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('records a failure Meta reports later as a failed status, and never lets a status go backwards', async () => {
    const { customer, conversation } = await customerWhoWrote('whatsapp');
    const ok = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'First reply' });
    await env.settle();
    expect((await repos().messages.findById(ok.body.message.id))!.status).toBe('delivered');
    await env.platform.viewWhatsApp(customer.id);
    await env.settle();
    const read = (await repos().messages.findById(ok.body.message.id))!;
    expect(read.status).toBe('read');
    // Meta redelivers the older statuses late: nothing moves back.
    for (const status of ['sent', 'delivered']) {
      await env.postWebhook('whatsapp', {
        object: 'whatsapp_business_account',
        entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' }, statuses: [{ id: read.externalId, status, timestamp: '1795770000', recipient_id: customer.phone!.slice(1) }] } }] }],
      });
    }
    expect((await repos().messages.findById(ok.body.message.id))!.status).toBe('read');

    env.platform.failNextSends({ channel: 'whatsapp', count: 1, code: 131026, asStatus: true });
    const doomed = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'Second reply' });
    await env.settle();
    const failed = (await repos().messages.findById(doomed.body.message.id))!;
    expect(failed).toMatchObject({ status: 'failed', errorCode: '131026' });
  });

  it('addresses a WhatsApp customer by phone when known and by user id otherwise', async () => {
    const withPhone = await customerWhoWrote('whatsapp');
    const usernameOnly = await customerWhoWrote('whatsapp', { phone: null });
    for (const { conversation } of [withPhone, usernameOnly]) {
      expect((await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { content: { kind: 'quick_replies', text: 'Pick one', replies: [{ title: 'Yes', payload: 'YES' }, { title: 'No', payload: 'NO' }] } })).status).toBe(201);
    }
    await env.settle();
    const [toPhone] = await env.platform.sends({ channel: 'whatsapp', customerId: withPhone.customer.id });
    const [toUser] = await env.platform.sends({ channel: 'whatsapp', customerId: usernameOnly.customer.id });
    expect(toPhone.body).toMatchObject({ to: withPhone.customer.phone, type: 'interactive', interactive: { type: 'button', action: { buttons: [{ type: 'reply', reply: { id: 'YES', title: 'Yes' } }, { type: 'reply', reply: { id: 'NO', title: 'No' } }] } } });
    expect(toUser.body).toMatchObject({ recipient: usernameOnly.customer.bsuid, type: 'interactive' });
    expect((toUser.body as Record<string, unknown>).to).toBeUndefined();
  });

  it('sends a single link button as a WhatsApp CTA and as an Instagram button template', async () => {
    const wa = await customerWhoWrote('whatsapp');
    const ig = await customerWhoWrote('instagram');
    const content = { kind: 'buttons', text: 'Track your order', buttons: [{ type: 'web_url', title: 'Track', url: 'https://example.com/track/1' }] };
    for (const { conversation } of [wa, ig]) {
      expect((await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { content })).status).toBe(201);
    }
    await env.settle();
    const [waSend] = await env.platform.sends({ channel: 'whatsapp', customerId: wa.customer.id });
    expect(waSend.body).toMatchObject({ type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Track your order' }, action: { name: 'cta_url', parameters: { display_text: 'Track', url: 'https://example.com/track/1' } } } });
    const [igSend] = await env.platform.sends({ channel: 'instagram', customerId: ig.customer.id });
    expect(igSend.body).toMatchObject({ message: { attachment: { type: 'template', payload: { template_type: 'button', text: 'Track your order', buttons: content.buttons } } } });
    // The template's echo is not stored a second time either.
    expect((await threadOf(ig.conversation.id)).filter((m) => m.direction === 'outbound')).toHaveLength(1);
  });

  it('asks a username user for their number, and sends media by link on both channels', async () => {
    // A username user: Meta hides the number, Braid knows only the user id.
    const hidden = await env.platform.createCustomer({ name: 'Hidden Number' });
    await env.platform.sendWhatsAppText(hidden.id, 'I have a question about my order', { withPhone: false });
    await env.settle();
    const hiddenIdentity = (await repos().identities.findByExternalId(env.whatsapp.id, hidden.bsuid))!;
    expect(hiddenIdentity.phone).toBeNull();
    const usernameOnly = { customer: hidden, conversation: (await repos().conversations.findByIdentity(hiddenIdentity.id))! };
    const ig = await customerWhoWrote('instagram');
    const ask = await env.agentApi.post(`/api/conversations/${usernameOnly.conversation.id}/messages`, { content: { kind: 'contact_request', text: 'Could you share your number?' } });
    expect(ask.status).toBe(201);
    const photo = { kind: 'attachment', type: 'image', url: 'https://example.com/p.jpg', caption: 'The blue one' };
    expect((await env.agentApi.post(`/api/conversations/${usernameOnly.conversation.id}/messages`, { content: photo })).status).toBe(201);
    expect((await env.agentApi.post(`/api/conversations/${ig.conversation.id}/messages`, { content: photo })).status).toBe(201);
    await env.settle();
    // Two jobs run side by side: find each send by its type, not its position.
    const waSends = await env.platform.sends({ channel: 'whatsapp', customerId: usernameOnly.customer.id });
    const request = waSends.find((m) => (m.body as { type?: string }).type === 'interactive')!;
    const image = waSends.find((m) => (m.body as { type?: string }).type === 'image')!;
    expect(request.body).toMatchObject({ recipient: usernameOnly.customer.bsuid, type: 'interactive', interactive: { type: 'contact_request', action: { name: 'request_contact_info' } } });
    expect(image.body).toMatchObject({ type: 'image', image: { link: 'https://example.com/p.jpg', caption: 'The blue one' } });
    const [igImage] = await env.platform.sends({ channel: 'instagram', customerId: ig.customer.id });
    expect(igImage.body).toMatchObject({ message: { attachment: { type: 'image', payload: { url: 'https://example.com/p.jpg' } } } });

    // The customer shares the number: the identity gains it, still one contact.
    await env.platform.shareWhatsAppPhone(usernameOnly.customer.id);
    await env.settle();
    const identity = (await repos().identities.findByExternalId(env.whatsapp.id, usernameOnly.customer.bsuid))!;
    expect(identity.phone).toBe(usernameOnly.customer.phone!.slice(1));
  });

  it('keeps retrying a profile fetch that fails, and the customer stays listed meanwhile', async () => {
    const now = env.braid.clock.now();
    // An IGSID the platform does not know: its User Profile API answers an error.
    await env.postWebhook('instagram', {
      object: 'instagram',
      entry: [{ id: '17841400000000001', time: now, messaging: [{ sender: { id: '5550000000000001' }, recipient: { id: '17841400000000001' }, timestamp: now, message: { mid: 'm.profile-fails', text: 'who am I' } }] }],
    });
    await env.settle();
    const identity = (await repos().identities.findByExternalId(env.instagram.id, '5550000000000001'))!;
    const job = (await repos().jobs.list({ kind: 'profile.fetch' })).find((j) => (j.payload as any).identityId === identity.id)!;
    expect(job).toMatchObject({ state: 'queued', attempts: 1 });
    expect(job.lastError).toMatch(/does not exist/);
    expect(identity.profileFetchedAt).toBeNull();
    const conversation = (await repos().conversations.findByIdentity(identity.id))!;
    expect((await env.agentApi.get(`/api/conversations/${conversation.id}`)).body.conversation.customer.name).toBe('Unknown customer');
  });

  it('refuses a reply outside the 24-hour window, naming the window and when it closed', async () => {
    const { conversation, customer } = await customerWhoWrote('whatsapp');
    env.braid.clock.advance(25 * HOUR);
    const before = (await threadOf(conversation.id)).length;
    const refused = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'Still there?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('reply_window_closed');
    expect(refused.body.error.message).toMatch(/WhatsApp reply window closed at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(refused.body.error.details).toMatchObject({ channel: 'whatsapp', closedAt: conversation.lastInboundAt! + 24 * HOUR });
    expect((await threadOf(conversation.id)).length).toBe(before);
    expect(await env.platform.sends({ customerId: customer.id })).toHaveLength(0);
  });

  it('refuses reply buttons under a WhatsApp text over 1024 characters with a clear 400, and sends 1024', async () => {
    const { conversation, customer } = await customerWhoWrote('whatsapp');
    const replies = [{ title: 'Yes', payload: 'YES' }];
    const long = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { content: { kind: 'quick_replies', text: 'x'.repeat(1025), replies } });
    expect([long.status, long.body.error.code]).toEqual([400, 'message_too_long']);
    expect(long.body.error.message).toContain('at most 1024 characters above buttons');
    const fits = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { content: { kind: 'quick_replies', text: 'x'.repeat(1024), replies } });
    expect(fits.status, fits.text).toBe(201);
    await env.settle();
    const sends = await env.platform.sends({ channel: 'whatsapp', customerId: customer.id });
    expect(sends.map((s) => (s.body as any).interactive?.body?.text?.length)).toEqual([1024]);
  });

  it('answers on Instagram after 24 hours as a human agent (HUMAN_AGENT tag), and refuses after 7 days', async () => {
    const { conversation, customer } = await customerWhoWrote('instagram');
    env.braid.clock.advance(3 * 24 * HOUR);
    const view = await env.agentApi.get(`/api/conversations/${conversation.id}`);
    expect(view.body.conversation.replyWindow).toMatchObject({ open: false, humanAgentUntil: conversation.lastInboundAt! + 7 * 24 * HOUR });
    const sent = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'Sorry for the wait: your order shipped.' });
    expect(sent.status, sent.text).toBe(201);
    await env.settle();
    const [send] = await env.platform.sends({ channel: 'instagram', customerId: customer.id });
    expect(send.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Sorry for the wait: your order shipped.' } });
    expect((await threadOf(conversation.id)).at(-1)).toMatchObject({ status: 'sent' });

    env.braid.clock.advance(5 * 24 * HOUR);
    const refused = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'Hello again?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/Instagram reply window closed at .* UTC \(7 days after the customer's last message/);
    expect(refused.body.error.details).toMatchObject({ channel: 'instagram', closedAt: conversation.lastInboundAt! + 7 * 24 * HOUR });
    expect(await env.platform.sends({ channel: 'instagram', customerId: customer.id })).toHaveLength(1);
  });

  it('answers clear 4xx errors for bad replies and stores nothing', async () => {
    const { conversation } = await customerWhoWrote('instagram');
    const cases: [unknown, number, string][] = [
      [{}, 400, 'invalid_request'],
      [{ text: '' }, 400, 'invalid_request'],
      [{ text: 'a', content: { kind: 'text', text: 'b' } }, 400, 'invalid_request'],
      [{ content: { kind: 'contact_request', text: 'Your number?' } }, 400, 'unsupported_content'],
      [{ text: 'x'.repeat(1001) }, 400, 'message_too_long'],
      [{ text: 'hello', channel: 'whatsapp' }, 409, 'channel_not_linked'],
    ];
    for (const [body, status, code] of cases) {
      const response = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.error.code).toBe(code);
    }
    expect((await threadOf(conversation.id)).filter((m) => m.direction === 'outbound')).toHaveLength(0);
  });
});
