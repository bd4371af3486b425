import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, TEST_PASSWORD } from '../factories';
import { ApiClient } from '../http';
import { openEventStream } from '../sse';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

const repos = () => env.braid.ctx.store.repos;

async function igCustomerWhoWrote(name: string, text = 'A question about sizes') {
  const customer = await env.platform.createCustomer({ name });
  env.braid.clock.advance(1000);
  await env.platform.sendInstagramText(customer.id, text);
  await env.settle();
  const identity = (await repos().identities.findByExternalId(env.instagram.id, customer.igsid))!;
  return { customer, identity, conversation: (await repos().conversations.findByIdentity(identity.id))! };
}

describe('GET /api/conversations', () => {
  it('lists both channels newest first, filters by channel, assignee and text, and pages with a cursor', async () => {
    const ig = await igCustomerWhoWrote('Lena Filter');
    const customer = await env.platform.createCustomer({ name: 'Wanda Filter' });
    env.braid.clock.advance(1000);
    await env.platform.sendWhatsAppText(customer.id, 'Where is my parcel?');
    await env.settle();

    const all = await env.agentApi.get('/api/conversations?q=filter');
    expect(all.status).toBe(200);
    expect(all.body.conversations.map((c: any) => [c.channel, c.customer.name])).toEqual([
      ['whatsapp', 'Wanda Filter'],
      ['instagram', 'Lena Filter'],
    ]);
    expect(all.body.conversations[0]).toMatchObject({
      customer: { phone: customer.phone },
      lastMessage: { preview: 'Where is my parcel?' },
      unreadCount: 1,
      replyWindow: { open: true },
    });
    const lastDigits = customer.phone!.replace(/\D/g, '').slice(-6);
    const byPhone = await env.agentApi.get(`/api/conversations?q=${encodeURIComponent(`${lastDigits.slice(0, 3)} ${lastDigits.slice(3)}`)}`);
    expect(byPhone.body.conversations.map((c: any) => c.customer.name)).toEqual(['Wanda Filter']);
    // A digit inside a name is not a phone search: it must not match every number containing it.
    const nameWithDigit = await env.agentApi.get(`/api/conversations?q=${encodeURIComponent(`filter ${lastDigits[0]}`)}`);
    expect(nameWithDigit.body.conversations).toEqual([]);
    const onlyWa = await env.agentApi.get('/api/conversations?q=filter&channel=whatsapp');
    expect(onlyWa.body.conversations.map((c: any) => c.channel)).toEqual(['whatsapp']);

    expect((await env.agentApi.post(`/api/conversations/${ig.conversation.id}/assign`, { userId: 'me' })).status).toBe(200);
    const mine = await env.agentApi.get('/api/conversations?assignee=me&q=filter');
    expect(mine.body.conversations.map((c: any) => c.id)).toEqual([ig.conversation.id]);
    expect(mine.body.conversations[0].assignee).toEqual({ id: env.agent.id, name: env.agent.name });
    const byId = await env.adminApi.get(`/api/conversations?assignee=${env.agent.id}&q=filter`);
    expect(byId.body.conversations.map((c: any) => c.id)).toEqual([ig.conversation.id]);
    const unassigned = await env.agentApi.get('/api/conversations?assignee=unassigned&q=filter');
    expect(unassigned.body.conversations.map((c: any) => c.channel)).toEqual(['whatsapp']);

    const first = await env.agentApi.get('/api/conversations?q=filter&limit=1');
    expect(first.body.conversations).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await env.agentApi.get(`/api/conversations?q=filter&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.conversations[0].id).toBe(ig.conversation.id);
    expect(second.body.nextCursor).toBeNull();

    const bad = await env.agentApi.get('/api/conversations?cursor=garbage&limit=1000');
    expect(bad.status).toBe(400);
    expect((await new ApiClient(env.braid.url).get('/api/conversations')).status).toBe(401);
  });

  it('refuses a forged page cursor with a 400, in the list and in a thread', async () => {
    const { conversation } = await igCustomerWhoWrote('Forged Cursor');
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    // Each decodes to [time, id] but holds what no cursor given out does; they answered 500 on PostgreSQL.
    for (const cursor of [forge([1.5, 'x']), forge([2 ** 63, 'x']), forge([1e300, 'x']), forge([-1e300, 'x']), forge([0, 'a\u0000b'])]) {
      for (const path of ['/api/conversations', `/api/conversations/${conversation.id}/messages`]) {
        const refused = await env.agentApi.get(`${path}?cursor=${cursor}`);
        expect(refused.status, `${path} ${Buffer.from(cursor, 'base64url').toString()}: ${refused.text}`).toBe(400);
        expect(refused.body.error.message).toBe('Invalid query: cursor: not a cursor this API gave out; start from the first page');
      }
    }
  });
});

describe('a conversation', () => {
  it('shows a username that already starts with @ with one @', async () => {
    const { identity, conversation } = await igCustomerWhoWrote('Ana Handle');
    await repos().identities.update(identity.id, { username: '@ana.handle', displayName: null });
    await repos().contacts.save({ ...(await repos().contacts.get(env.workspace.id, identity.contactId))!, name: null });
    const listed = (await env.agentApi.get('/api/conversations?q=ana.handle')).body.conversations.find((c: { id: string }) => c.id === conversation.id);
    expect(listed.customer).toMatchObject({ name: '@ana.handle', handle: '@ana.handle' });
  });

  it('is assigned with "me", an id or null, audited and announced in realtime', async () => {
    const { conversation } = await igCustomerWhoWrote('Assign Me');
    const stream = await openEventStream(env.braid.url, env.adminApi.cookie);
    await stream.next('ready');
    const assigned = await env.agentApi.post(`/api/conversations/${conversation.id}/assign`, { userId: 'me' });
    expect(assigned.body.conversation.assignee).toEqual({ id: env.agent.id, name: env.agent.name });
    const event = await stream.next('conversation.assigned');
    expect(event.data).toMatchObject({ conversationId: conversation.id, assigneeId: env.agent.id, by: env.agent.id });
    expect((await env.agentApi.post(`/api/conversations/${conversation.id}/assign`, { userId: env.admin.id })).body.conversation.assignee.id).toBe(env.admin.id);
    expect((await env.agentApi.post(`/api/conversations/${conversation.id}/assign`, { userId: null })).body.conversation.assignee).toBeNull();
    const unknownUser = await env.agentApi.post(`/api/conversations/${conversation.id}/assign`, { userId: 'no-such-user' });
    expect(unknownUser.status).toBe(404);
    expect((await env.agentApi.post(`/api/conversations/${conversation.id}/assign`, {})).status).toBe(400);
    const audit = await repos().audit.forContacts(env.workspace.id, [(await repos().identities.get(env.workspace.id, conversation.identityId))!.contactId]);
    expect(audit.filter((a) => a.action === 'conversation.assigned')).toHaveLength(3);
    stream.close();
  });

  it('is marked read, and new messages arrive in realtime', async () => {
    const { customer, conversation } = await igCustomerWhoWrote('Read Me');
    const stream = await openEventStream(env.agentApi.baseUrl, env.agentApi.cookie);
    await stream.next('ready');
    await env.platform.sendInstagramText(customer.id, 'Another question');
    await env.platform.flush();
    expect((await stream.next('message.created')).data).toMatchObject({ conversationId: conversation.id });
    expect((await stream.next('conversation.updated')).data).toEqual({ conversationId: conversation.id });
    const detail = await env.agentApi.get(`/api/conversations/${conversation.id}`);
    expect(detail.body.conversation.unreadCount).toBe(2);
    const read = await env.agentApi.post(`/api/conversations/${conversation.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.conversation.unreadCount).toBe(0);
    expect((await env.agentApi.get(`/api/conversations/${conversation.id}`)).body.conversation.unreadCount).toBe(0);
    stream.close();
  });

  it('is invisible to another workspace: its ids answer 404 there', async () => {
    const { conversation } = await igCustomerWhoWrote('Private Person');
    const other = await createWorkspace(env.braid.ctx, { channels: false });
    const outsider = new ApiClient(env.braid.url);
    await outsider.signIn(other.agent.email, TEST_PASSWORD);
    for (const response of [
      await outsider.get(`/api/conversations/${conversation.id}`),
      await outsider.get(`/api/conversations/${conversation.id}/messages`),
      await outsider.post(`/api/conversations/${conversation.id}/messages`, { text: 'hello' }),
      await outsider.post(`/api/conversations/${conversation.id}/assign`, { userId: 'me' }),
      await outsider.post(`/api/conversations/${conversation.id}/read`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('conversation_not_found');
    }
    expect((await outsider.get('/api/conversations')).body.conversations).toEqual([]);
  });
});

describe('one contact on two channels', () => {
  it('shows one timeline across channels and replies on the channel the agent picks', async () => {
    const customer = await env.platform.createCustomer({ name: 'Both Channels' });
    await env.platform.sendInstagramText(customer.id, 'from instagram');
    env.braid.clock.advance(1000);
    await env.platform.sendWhatsAppText(customer.id, 'from whatsapp');
    await env.settle();
    const ig = (await repos().identities.findByExternalId(env.instagram.id, customer.igsid))!;
    const wa = (await repos().identities.findByExternalId(env.whatsapp.id, customer.bsuid))!;
    // What a merge does: the WhatsApp identity now belongs to the Instagram contact.
    await repos().identities.repoint([wa.id], ig.contactId);
    const igConversation = (await repos().conversations.findByIdentity(ig.id))!;
    const waConversation = (await repos().conversations.findByIdentity(wa.id))!;

    const detail = await env.agentApi.get(`/api/conversations/${igConversation.id}`);
    expect(detail.body.replyChannels.map((c: any) => c.channel).sort()).toEqual(['instagram', 'whatsapp']);
    const timeline = await env.agentApi.get(`/api/conversations/${igConversation.id}/messages?scope=contact`);
    expect(timeline.body.messages.map((m: any) => [m.channel, m.text])).toEqual([
      ['instagram', 'from instagram'],
      ['whatsapp', 'from whatsapp'],
    ]);
    const onlyThread = await env.agentApi.get(`/api/conversations/${igConversation.id}/messages`);
    expect(onlyThread.body.messages.map((m: any) => m.text)).toEqual(['from instagram']);
    const paged = await env.agentApi.get(`/api/conversations/${igConversation.id}/messages?scope=contact&limit=1`);
    expect(paged.body.messages.map((m: any) => m.text)).toEqual(['from whatsapp']);
    const older = await env.agentApi.get(`/api/conversations/${igConversation.id}/messages?scope=contact&limit=1&cursor=${paged.body.nextCursor}`);
    expect(older.body.messages.map((m: any) => m.text)).toEqual(['from instagram']);
    expect(older.body.nextCursor).toBeNull();

    const reply = await env.agentApi.post(`/api/conversations/${igConversation.id}/messages`, { text: 'Answering on WhatsApp', channel: 'whatsapp' });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({ channel: 'whatsapp', conversationId: waConversation.id });
    await env.settle();
    const [sent] = await env.platform.sends({ channel: 'whatsapp', customerId: customer.id });
    expect(sent.body).toMatchObject({ to: customer.phone, text: { body: 'Answering on WhatsApp' } });

    // 25 hours later the WhatsApp window is closed: the refusal names WhatsApp.
    env.braid.clock.advance(25 * 3_600_000);
    const late = await env.agentApi.post(`/api/conversations/${igConversation.id}/messages`, { text: 'Hello again', channel: 'whatsapp' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('WhatsApp reply window closed');
  });
});
