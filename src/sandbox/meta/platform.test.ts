import { afterEach, describe, expect, it } from 'vitest';
import { parseInstagramWebhook } from '../../channels/instagram/webhook';
import { parseWhatsAppWebhook } from '../../channels/whatsapp/webhook';
import { InstagramGraphClient } from '../../channels/instagram/graphClient';
import { WhatsAppGraphClient } from '../../channels/whatsapp/graphClient';
import type { InboundEvent } from '../../channels/events';
import { startMetaPlatform, type RunningMetaPlatform } from './plugin';
import { APP_SECRET, testPlatformOptions } from './testOptions.testkit';
import { startWebhookReceiver } from './webhookReceiver.testkit';
import { verifySignature } from '../../channels/meta/signature';

/** What an accepted business send causes on the webhook side, and the control API over HTTP. */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const receiver = await startWebhookReceiver(APP_SECRET);
  const meta = await startMetaPlatform(testPlatformOptions({ webhookUrls: receiver.urls }));
  cleanups.push(() => receiver.close(), () => meta.close());
  const wa = new WhatsAppGraphClient({ apiUrl: meta.graphUrl, phoneNumberId: '106540352242922', accessToken: 'wa-token' });
  const ig = new InstagramGraphClient({ apiUrl: meta.graphUrl, accountId: '17841400000000001', accessToken: 'ig-token' });
  return { receiver, meta, wa, ig };
}

function eventsOf(receiver: Awaited<ReturnType<typeof startWebhookReceiver>>, channel: 'instagram' | 'whatsapp'): InboundEvent[] {
  return receiver.received
    .filter((r) => r.path.endsWith(channel))
    .flatMap((r) => {
      const parsed = channel === 'instagram' ? parseInstagramWebhook(r.json) : parseWhatsAppWebhook(r.json);
      return parsed.ok ? parsed.events : [];
    });
}

async function api(meta: RunningMetaPlatform, method: string, path: string, body?: unknown) {
  const res = await fetch(`${meta.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('business sends seen from the webhook side', () => {
  it('holds the answer of an accepted send until released: the customer has it before the sender knows', async () => {
    const { meta, ig } = await setup();
    const c = await meta.platform.createCustomer({});
    await meta.platform.sendInstagramText(c.id, 'Hi');
    meta.platform.holdSendAnswers();
    let answered = false;
    const sending = ig.sendText(c.igsid, 'Held').then((result) => ((answered = true), result));
    for (;;) {
      if ((await meta.platform.sends({ customerId: c.id })).length === 1) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    // A later request on another connection is answered meanwhile; the held one is not.
    expect((await ig.getProfile(c.igsid)).username).toBe(c.igUsername);
    expect(answered).toBe(false);
    meta.platform.releaseSendAnswers();
    const { messageId } = await sending;
    expect((await meta.platform.sends({ customerId: c.id }))[0].externalId).toBe(messageId);
  });

  it('WhatsApp by phone: sent then delivered statuses with recipient_id, then read when the customer views', async () => {
    const { receiver, meta, wa } = await setup();
    const c = await meta.platform.createCustomer({ phone: '+351912345678' });
    await meta.platform.sendWhatsAppText(c.id, 'Hi');
    const { messageId } = await wa.sendText({ phone: '+351912345678' }, 'Hello');
    await meta.platform.flush();
    await meta.platform.viewWhatsApp(c.id);
    await meta.platform.flush();

    const statuses = receiver.received.flatMap((r) => r.json.entry[0].changes[0].value.statuses ?? []);
    expect(statuses.map((s: any) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(statuses[0]).toEqual({
      id: messageId, status: 'sent', timestamp: expect.stringMatching(/^\d{10}$/), recipient_id: '351912345678',
      pricing: { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' },
    });
    expect(statuses[2]).not.toHaveProperty('pricing');
    expect(eventsOf(receiver, 'whatsapp').filter((e) => e.kind === 'status')).toMatchObject([
      { status: 'sent', externalId: messageId, customer: { phone: '+351912345678' } },
      { status: 'delivered' },
      { status: 'read' },
    ]);
    expect((await meta.platform.sends({ customerId: c.id }))[0].status).toBe('read');
  });

  it('WhatsApp by BSUID: no recipient_id, recipient_user_id and contacts, username not on sent', async () => {
    const { receiver, meta, wa } = await setup();
    const c = await meta.platform.createCustomer({ phone: null, igUsername: 'ana.s' });
    await meta.platform.sendWhatsAppText(c.id, 'Hi');
    await wa.sendText({ bsuid: c.bsuid }, 'Hello');
    await meta.platform.viewWhatsApp(c.id);
    await meta.platform.flush();
    const statuses = receiver.received.flatMap((r) => r.json.entry[0].changes[0].value.statuses ?? []);
    expect(statuses.map((s: any) => s.status)).toEqual(['sent', 'delivered', 'read']);
    for (const s of statuses) {
      expect(s).not.toHaveProperty('recipient_id');
      expect(s.recipient_user_id).toBe(c.bsuid);
    }
    expect(statuses[0].contacts).toEqual([{ user_id: c.bsuid }]);
    expect(statuses[1].contacts).toEqual([{ user_id: c.bsuid, profile: { username: 'ana.s' } }]);
  });

  it('an injected async failure arrives as a failed status with errors and no contacts', async () => {
    const { receiver, meta, wa } = await setup();
    const c = await meta.platform.createCustomer({ phone: null });
    await meta.platform.sendWhatsAppText(c.id, 'Hi');
    meta.platform.failNextSends({ channel: 'whatsapp', count: 1, code: 131047, asStatus: true });
    const { messageId } = await wa.sendText({ bsuid: c.bsuid }, 'Hello');
    await meta.platform.flush();
    const statuses = receiver.received.flatMap((r) => r.json.entry[0].changes[0].value.statuses ?? []);
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({ id: messageId, status: 'failed', errors: [{ code: 131047, title: 'Re-engagement message' }] });
    expect(statuses[0]).not.toHaveProperty('contacts');
    expect(eventsOf(receiver, 'whatsapp').find((e) => e.kind === 'status')).toMatchObject({ status: 'failed', error: { code: 131047 } });
  });

  it('Instagram sends come back as echoes, and the customer seeing them as a read', async () => {
    const { receiver, meta, ig } = await setup();
    const c = await meta.platform.createCustomer();
    await meta.platform.sendInstagramText(c.id, 'Hi');
    const { messageId } = await ig.sendQuickReplies(c.igsid, 'Pick', [{ title: 'A', payload: 'a' }]);
    await meta.platform.tapInstagramQuickReply(c.id, 'A', 'a');
    await meta.platform.tapInstagramPostback(c.id, 'Connect', 'CONNECT');
    await meta.platform.seeInstagram(c.id);
    await meta.platform.flush();
    const events = eventsOf(receiver, 'instagram');
    expect(events.map((e) => (e.kind === 'message' ? `${e.direction}:${e.messageType}` : e.kind))).toEqual([
      'inbound:text', 'echo:text', 'inbound:quick_reply', 'inbound:postback', 'read',
    ]);
    expect(events[1]).toMatchObject({ externalId: messageId, customer: { igsid: c.igsid }, text: 'Pick' });
    expect(events[4]).toMatchObject({ externalId: messageId });
    const echo = receiver.received[1].json.entry[0];
    expect(echo.id).toBe('17841400000000001');
    expect(echo.messaging[0].sender.id).toBe('17841400000000001');
  });
});

describe('reactions', () => {
  it('Instagram and WhatsApp reactions and their removal parse into reaction events', async () => {
    const { receiver, meta, ig, wa } = await setup();
    const c = await meta.platform.createCustomer();
    await meta.platform.sendInstagramText(c.id, 'Hi');
    await meta.platform.sendWhatsAppText(c.id, 'Hi');
    const { messageId: mid } = await ig.sendText(c.igsid, 'Welcome');
    const { messageId: wamid } = await wa.sendText({ bsuid: c.bsuid }, 'Welcome');
    await meta.platform.reactOnInstagram(c.id, mid, '❤️');
    await meta.platform.reactOnInstagram(c.id, mid, null);
    await api(meta, 'POST', `/api/customers/${c.id}/whatsapp/reactions`, { externalId: wamid, emoji: '👍' });
    await api(meta, 'POST', `/api/customers/${c.id}/whatsapp/reactions`, { externalId: wamid, emoji: null });
    await meta.platform.flush();
    const reactions = [...eventsOf(receiver, 'instagram'), ...eventsOf(receiver, 'whatsapp')].filter((e) => e.kind === 'reaction');
    expect(reactions).toMatchObject([
      { channel: 'instagram', externalId: mid, action: 'react', emoji: '❤️', reaction: 'love' },
      { channel: 'instagram', externalId: mid, action: 'unreact', emoji: undefined },
      { channel: 'whatsapp', externalId: wamid, action: 'react', emoji: '👍' },
      { channel: 'whatsapp', externalId: wamid, action: 'unreact' },
    ]);
  });
});

describe('control API', () => {
  it('creates customers, performs actions and shows both threads', async () => {
    const { receiver, meta, ig, wa } = await setup();
    const created = await api(meta, 'POST', '/api/customers', { name: 'Ana Souza', igUsername: 'ana.souza', phone: '+351912345678' });
    expect(created.status).toBe(201);
    const c = created.body.customer;
    expect(c).toMatchObject({ name: 'Ana Souza', igUsername: 'ana.souza', phone: '+351912345678', igsid: expect.stringMatching(/^\d{16}$/) });

    expect((await api(meta, 'POST', `/api/customers/${c.id}/instagram/messages`, { text: 'Hi' })).status).toBe(200);
    await ig.sendButtonTemplate(c.igsid, 'Continue on WhatsApp?', [{ type: 'web_url', title: 'Connect', url: 'https://wa.me/15550783881?text=x' }]);
    expect((await api(meta, 'POST', `/api/customers/${c.id}/whatsapp/messages`, { text: 'Link [ref:ABC]' })).status).toBe(200);
    await wa.sendInteractiveButtons({ bsuid: c.bsuid }, 'Merge?', [{ id: 'ok', title: 'OK' }]);

    const threads = (await api(meta, 'GET', `/api/customers/${c.id}/threads`)).body;
    expect(threads.instagram.map((m: any) => [m.direction, m.text])).toEqual([['from_customer', 'Hi'], ['to_customer', 'Continue on WhatsApp?']]);
    expect(threads.instagram[1].buttons).toEqual([{ kind: 'web_url', title: 'Connect', url: 'https://wa.me/15550783881?text=x' }]);
    expect(threads.whatsapp[1]).toMatchObject({ direction: 'to_customer', text: 'Merge?', buttons: [{ kind: 'reply', title: 'OK', id: 'ok' }] });

    expect((await api(meta, 'POST', '/api/flush')).body).toEqual({ delivered: expect.any(Number), gaveUp: 0 });
    expect(receiver.received.length).toBeGreaterThanOrEqual(4);
    expect((await api(meta, 'GET', '/api/customers')).body.customers).toHaveLength(1);
  });

  it('sets delivery options and injects errors', async () => {
    const { meta, wa } = await setup();
    const patched = await api(meta, 'PATCH', '/api/delivery', { batchSize: 5, shuffle: true, duplicateNext: 1 });
    expect(patched.body.options).toMatchObject({ batchSize: 5, shuffle: true });
    expect((await api(meta, 'POST', '/api/errors', { channel: 'whatsapp', count: 1, code: 131047 })).status).toBe(204);
    const c = await meta.platform.createCustomer();
    await meta.platform.sendWhatsAppText(c.id, 'Hi');
    await expect(wa.sendText({ bsuid: c.bsuid }, 'x')).rejects.toMatchObject({ code: 131047 });
    expect((await api(meta, 'POST', '/api/latency', { ms: 5 })).body).toEqual({ ms: 5 });
  });

  it('answers bad input with 4xx and a readable error', async () => {
    const { meta } = await setup();
    const bad = await api(meta, 'POST', '/api/customers', { phone: 'call me maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: { code: 'invalid_request', message: expect.stringContaining('phone') } });
    expect((await api(meta, 'PATCH', '/api/delivery', { batchSize: 0 })).status).toBe(400);
    expect((await api(meta, 'PATCH', '/api/delivery', { bogus: true })).status).toBe(400);
    expect((await api(meta, 'POST', '/api/errors', { channel: 'telegram', code: 1 })).status).toBe(400);
    const missing = await api(meta, 'POST', '/api/customers/cus_nope/instagram/messages', { text: 'hi' });
    expect(missing).toEqual({ status: 404, body: { error: { code: 'customer_not_found', message: expect.any(String) } } });
    const c = await meta.platform.createCustomer();
    expect((await api(meta, 'POST', `/api/customers/${c.id}/instagram/messages`, { text: '' })).status).toBe(400);
  });

  it('mounts under a prefix inside another Fastify app', async () => {
    const Fastify = (await import('fastify')).default;
    const { metaPlatformPlugin } = await import('./plugin');
    const app = Fastify();
    // Like Braid, the host keeps JSON bodies as raw bytes for its signature checks.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    await app.register(metaPlatformPlugin, { prefix: '/sandbox', ...testPlatformOptions() });
    cleanups.push(() => app.close());
    const created = await app.inject({ method: 'POST', url: '/sandbox/api/customers', payload: { name: 'Zoe' } });
    expect(created.statusCode).toBe(201);
    const profile = await app.inject({ method: 'GET', url: `/sandbox/graph/v25.0/${created.json().customer.igsid}?fields=name,username`, headers: { authorization: 'Bearer ig-token' } });
    expect(profile.json()).toMatchObject({ name: 'Zoe' });
    const me = await app.inject({ method: 'GET', url: '/sandbox/graph/v25.0/me?fields=user_id,username', headers: { authorization: 'Bearer ig-token' } });
    expect(me.json()).toMatchObject({ user_id: '17841400000000001' });
    const unauthorised = await app.inject({ method: 'POST', url: '/sandbox/graph/v25.0/106540352242922/messages', payload: {} });
    expect(unauthorised.statusCode).toBe(401);
    expect(unauthorised.json().error).toMatchObject({ code: 190, type: 'OAuthException' });
  });
});

describe('identity changes on WhatsApp', () => {
  it('a number change sends a system message that parses into identity_changed with old and new ids', async () => {
    const { receiver, meta, wa } = await setup();
    const c = await meta.platform.createCustomer({ name: 'Ana', phone: '+351912345678' });
    const { bsuid } = await meta.platform.changeWhatsAppNumber(c.id, '+351934567890');
    await meta.platform.changeWhatsAppUserId(c.id);
    await meta.platform.flush();

    const first = receiver.received[0].json.entry[0].changes[0].value;
    expect(first).not.toHaveProperty('contacts');
    expect(first.messages[0]).toMatchObject({ type: 'system', from: '351912345678', system: { type: 'user_changed_number', wa_id: '351934567890' } });
    const second = receiver.received[1].json.entry[0].changes[0].value.messages[0];
    expect(second).not.toHaveProperty('from');

    const events = eventsOf(receiver, 'whatsapp');
    expect(events).toMatchObject([
      { kind: 'identity_changed', change: 'user_changed_number', previous: { phone: '+351912345678', bsuid: c.bsuid }, current: { phone: '+351934567890', bsuid } },
      { kind: 'identity_changed', change: 'user_changed_user_id', previous: { bsuid } },
    ]);
    const now = await meta.platform.customer(c.id);
    expect(now.phone).toBe('+351934567890');
    expect(now.bsuid).not.toBe(bsuid);
    // A system message is not the customer writing: the service window stays closed.
    await expect(wa.sendText({ bsuid: now.bsuid }, 'hi')).rejects.toMatchObject({ code: 131047 });
  });
});

describe('a second Instagram account and WhatsApp number', () => {
  it('sign their webhooks with their own app secret, carry their own ids, and take only their own token', async () => {
    const { receiver, meta, ig } = await setup();
    const { instagram, whatsapp } = (await api(meta, 'GET', '/api/accounts')).body;
    const [outletIg, outletWa] = [instagram[1], whatsapp[1]];
    const c = await meta.platform.createCustomer({});
    expect((await api(meta, 'POST', `/api/customers/${c.id}/instagram/messages`, { text: 'Hi outlet', account: outletIg.accountId })).status).toBe(200);
    expect((await api(meta, 'POST', `/api/customers/${c.id}/whatsapp/messages`, { text: 'Hi outlet WA', account: outletWa.phoneNumberId })).status).toBe(200);
    expect((await api(meta, 'POST', `/api/customers/${c.id}/whatsapp/messages`, { text: 'Nowhere', account: '999' })).status).toBe(400);
    await meta.platform.flush();

    const igHook = receiver.received.find((r) => r.path.endsWith('instagram'))!;
    expect(igHook.json.entry[0].id).toBe(outletIg.accountId);
    const waHook = receiver.received.find((r) => r.path.endsWith('whatsapp'))!;
    expect(waHook.json.entry[0]).toMatchObject({ id: outletWa.businessAccountId, changes: [{ value: { metadata: { phone_number_id: outletWa.phoneNumberId } } }] });
    // Not the configured app's secret: each account's own.
    expect(igHook.signatureValid).toBe(false);
    expect(verifySignature(Buffer.from(igHook.raw), igHook.headers['x-hub-signature-256'] as string, outletIg.appSecret)).toBe(true);
    expect(verifySignature(Buffer.from(waHook.raw), waHook.headers['x-hub-signature-256'] as string, outletWa.appSecret)).toBe(true);

    // The configured account's token does not send for the outlet; the outlet's own does, and `/me` is whose token it is.
    const wrong = new InstagramGraphClient({ apiUrl: meta.graphUrl, accountId: outletIg.accountId, accessToken: 'ig-token' });
    await expect(wrong.sendText(c.igsid, 'From the wrong token')).rejects.toThrow();
    const outlet = new InstagramGraphClient({ apiUrl: meta.graphUrl, accountId: outletIg.accountId, accessToken: outletIg.accessToken });
    await outlet.sendText(c.igsid, 'From the outlet');
    await ig.sendText(c.igsid, 'From the sandbox account');
    const sends = (await api(meta, 'GET', `/api/sends?channel=instagram&account=${outletIg.accountId}`)).body.sends;
    expect(sends.map((s: any) => s.account)).toEqual([outletIg.accountId]);
    const wa = new WhatsAppGraphClient({ apiUrl: meta.graphUrl, phoneNumberId: outletWa.phoneNumberId, accessToken: outletWa.accessToken });
    await wa.sendText({ bsuid: c.bsuid }, 'From the outlet number');
    expect((await api(meta, 'GET', `/api/sends?channel=whatsapp&account=${outletWa.phoneNumberId}`)).body.sends).toHaveLength(1);
  });
});
