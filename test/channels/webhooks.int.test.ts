import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/sandbox/meta/signing';
import { TEST_VERIFY_TOKEN } from '../harness';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

const repos = () => env.braid.ctx.store.repos;
const db = () => env.braid.ctx.store.kysely;
const count = async (table: 'messages' | 'deliveries' | 'identities' | 'contacts') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function conversationOf(channel: 'instagram' | 'whatsapp', key: { igsid?: string; bsuid?: string; phone?: string }) {
  const channelId = channel === 'instagram' ? env.instagram.id : env.whatsapp.id;
  const identity = key.igsid || key.bsuid
    ? await repos().identities.findByExternalId(channelId, (key.igsid ?? key.bsuid)!)
    : await repos().identities.findByPhone(channelId, key.phone!.replace(/\D/g, ''));
  expect(identity, 'identity').toBeDefined();
  return { identity: identity!, conversation: (await repos().conversations.findByIdentity(identity!.id))! };
}

function waMessage(sender: { phone?: string; bsuid?: string; name?: string }, id: string, seconds: number, text: string) {
  const digits = sender.phone?.replace(/\D/g, '');
  return {
    object: 'whatsapp_business_account',
    entry: [{
      id: '102290129340398',
      changes: [{
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
          contacts: [{ profile: { name: sender.name ?? 'Someone' }, ...(digits && { wa_id: digits }), ...(sender.bsuid && { user_id: sender.bsuid }) }],
          messages: [{ ...(digits && { from: digits }), ...(sender.bsuid && { from_user_id: sender.bsuid }), id, timestamp: String(seconds), type: 'text', text: { body: text } }],
        },
      }],
    }],
  };
}

describe('webhook verification handshake', () => {
  it('echoes the challenge when the verify token matches, and refuses otherwise', async () => {
    for (const channel of ['instagram', 'whatsapp'] as const) {
      const ok = await fetch(`${env.braid.url}/webhooks/${channel}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${TEST_VERIFY_TOKEN}`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('1158201444');
      const wrong = await fetch(`${env.braid.url}/webhooks/${channel}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope`);
      expect(wrong.status).toBe(403);
      const noMode = await fetch(`${env.braid.url}/webhooks/${channel}?hub.challenge=1&hub.verify_token=${TEST_VERIFY_TOKEN}`);
      expect(noMode.status).toBe(403);
    }
    expect(await env.platform.verifyWebhook('instagram', TEST_VERIFY_TOKEN)).toEqual({ ok: true, status: 200 });
    expect((await env.platform.verifyWebhook('whatsapp', 'wrong-token')).ok).toBe(false);
  });
});

describe('signatures', () => {
  it('refuses unsigned, forged and tampered bodies with 401 and stores nothing', async () => {
    const body = JSON.stringify(waMessage({ phone: '+351911000001', bsuid: 'PT.1000001' }, 'wamid.forged-1', 1795770000, 'hello'));
    const before = { deliveries: await count('deliveries'), messages: await count('messages'), identities: await count('identities') };
    const unsigned = await env.postWebhook('whatsapp', body, { signature: null });
    const forged = await env.postWebhook('whatsapp', body, { signature: signBody(body, 'not-the-app-secret') });
    const malformed = await env.postWebhook('whatsapp', body, { signature: 'sha256=xyz' });
    const tampered = await env.postWebhook('whatsapp', body.replace('hello', 'hellO'), { signature: signBody(body, 'test-app-secret') });
    for (const response of [unsigned, forged, malformed, tampered]) {
      expect(response.status).toBe(401);
      expect(JSON.parse(response.text).error.code).toBe('invalid_signature');
    }
    expect({ deliveries: await count('deliveries'), messages: await count('messages'), identities: await count('identities') }).toEqual(before);
    const metrics = await (await fetch(`${env.braid.url}/metrics`)).text();
    expect(metrics).toMatch(/braid_webhook_deliveries_total\{channel="whatsapp",outcome="unauthorized"\} 4/);
  });

  it('an entry naming an account id no database can hold (a NUL byte) is rejected, not answered 500', async () => {
    const body = JSON.stringify({
      object: 'instagram',
      entry: [{ id: '\u0000', time: 1795770000000, messaging: [{ sender: { id: '900000000001' }, recipient: { id: '\u0000' }, timestamp: 1795770000000, message: { mid: 'm.nul-1', text: 'hi' } }] }],
    });
    const before = await count('messages');
    const response = await env.postWebhook('instagram', body);
    expect(response.status).toBe(200);
    expect(await count('messages')).toBe(before);
  });

  it('refuses a body over 3 MB before reading it into the database', async () => {
    const before = await count('deliveries');
    const huge = JSON.stringify({ object: 'instagram', entry: [], padding: 'x'.repeat(3 * 1024 * 1024) });
    const response = await env.postWebhook('instagram', huge);
    expect(response.status).toBe(413);
    expect(await count('deliveries')).toBe(before);
  });

  it('accepts the same body correctly signed, byte for byte as Meta escapes it', async () => {
    const response = await env.postWebhook('whatsapp', waMessage({ phone: '+351911000002', bsuid: 'PT.1000002', name: 'Zoë 👑' }, 'wamid.signed-1', 1795770000, 'olá / ça va'));
    expect(response.status).toBe(200);
    const { identity } = await conversationOf('whatsapp', { bsuid: 'PT.1000002' });
    expect(identity.displayName).toBe('Zoë 👑');
    expect((await repos().messages.findByExternalId(env.whatsapp.id, 'wamid.signed-1'))?.text).toBe('olá / ça va');
  });
});

describe('at-least-once delivery', () => {
  it('stores a batch of 50 with 20% duplicates, shuffled, exactly once each and in timestamp order', async () => {
    const customer = await env.platform.createCustomer({ name: 'Batch Customer' });
    env.platform.setDeliveryOptions({ autoDeliver: false, batchSize: 10, shuffle: true });
    const start = env.braid.clock.now();
    for (let i = 1; i <= 50; i++) {
      env.braid.clock.set(start + i * 1000);
      await env.platform.sendInstagramText(customer.id, `batch message ${String(i).padStart(2, '0')}`);
    }
    env.platform.duplicateNext(1); // one batch of 10 delivered twice: 10 of 50 items (20%) arrive again
    try {
      await env.platform.flush();
    } finally {
      env.platform.setDeliveryOptions({ autoDeliver: true, batchSize: 1, shuffle: false });
    }
    const deliveries = env.platform.deliveries().filter((d) => d.body.includes('batch message'));
    expect(deliveries.length).toBe(6);
    expect(deliveries.every((d) => d.attempts.at(-1)?.status === 200)).toBe(true);

    const { conversation } = await conversationOf('instagram', { igsid: customer.igsid });
    const thread = await repos().messages.thread([conversation.id], { limit: 500 });
    const inbound = thread.filter((m) => m.direction === 'inbound');
    expect(inbound.map((m) => m.text)).toEqual(Array.from({ length: 50 }, (_, i) => `batch message ${String(i + 1).padStart(2, '0')}`));
    const refreshed = await repos().conversations.get(env.workspace.id, conversation.id);
    expect(refreshed).toMatchObject({ unreadCount: 50, lastMessagePreview: 'batch message 50', lastInboundAt: start + 50_000 });
  });
});

describe('WhatsApp senders (business-scoped user ids and phones)', () => {
  it('maps BSUID-only, phone-only and both-field senders of one user to one identity and one contact', async () => {
    const identitiesBefore = await count('identities');
    const contactsBefore = await count('contacts');
    const t = Math.floor(env.braid.clock.now() / 1000);
    // A user first seen by phone only (legacy), then with both, then by BSUID only.
    const first = { phone: '+351912000001', bsuid: 'PT.2000001' };
    expect((await env.postWebhook('whatsapp', waMessage({ phone: first.phone }, 'wamid.a1', t, 'one'))).status).toBe(200);
    expect((await env.postWebhook('whatsapp', waMessage(first, 'wamid.a2', t + 1, 'two'))).status).toBe(200);
    expect((await env.postWebhook('whatsapp', waMessage({ bsuid: first.bsuid }, 'wamid.a3', t + 2, 'three'))).status).toBe(200);
    // A username user first seen by BSUID only, then with the number, then by phone only.
    const second = { phone: '+351912000002', bsuid: 'PT.2000002' };
    await env.postWebhook('whatsapp', waMessage({ bsuid: second.bsuid }, 'wamid.b1', t, 'one'));
    await env.postWebhook('whatsapp', waMessage(second, 'wamid.b2', t + 1, 'two'));
    await env.postWebhook('whatsapp', waMessage({ phone: second.phone }, 'wamid.b3', t + 2, 'three'));
    // And the simulated platform's own customers: with and without a visible number.
    const withPhone = await env.platform.createCustomer({ name: 'Phone Person' });
    await env.platform.sendWhatsAppText(withPhone.id, 'no number shown', { withPhone: false });
    await env.platform.sendWhatsAppText(withPhone.id, 'number shown', { withPhone: true });
    const usernameOnly = await env.platform.createCustomer({ name: 'Username Person', phone: null });
    await env.platform.sendWhatsAppText(usernameOnly.id, 'hello');
    await env.settle();

    expect(await count('identities')).toBe(identitiesBefore + 4);
    expect(await count('contacts')).toBe(contactsBefore + 4);
    for (const user of [first, second]) {
      const { identity, conversation } = await conversationOf('whatsapp', { bsuid: user.bsuid });
      expect(identity.phone).toBe(user.phone.slice(1));
      expect((await repos().messages.thread([conversation.id], { limit: 10 })).map((m) => m.text)).toEqual(['one', 'two', 'three']);
    }
    const shown = await conversationOf('whatsapp', { bsuid: withPhone.bsuid });
    expect(shown.identity.phone).toBe(withPhone.phone!.slice(1));
    expect((await conversationOf('whatsapp', { bsuid: usernameOnly.bsuid })).identity.phone).toBeNull();
  });

  it('moves an identity to the new number when the user changes it, without a second contact', async () => {
    const t = Math.floor(env.braid.clock.now() / 1000);
    await env.postWebhook('whatsapp', waMessage({ phone: '+351913000001', bsuid: 'PT.3000001' }, 'wamid.c1', t, 'before'));
    const contactsBefore = await count('contacts');
    const change = waMessage({ phone: '+351913000001', bsuid: 'PT.3000001' }, 'wamid.c2', t + 5, '');
    const message = change.entry[0].changes[0].value.messages[0] as Record<string, unknown>;
    delete message.text;
    Object.assign(message, { type: 'system', system: { type: 'user_changed_number', body: 'User A changed from +351913000001 to +351913000009', wa_id: '351913000009' } });
    expect((await env.postWebhook('whatsapp', change)).status).toBe(200);
    await env.postWebhook('whatsapp', waMessage({ phone: '+351913000009' }, 'wamid.c3', t + 10, 'after'));
    expect(await count('contacts')).toBe(contactsBefore);
    const { identity, conversation } = await conversationOf('whatsapp', { bsuid: 'PT.3000001' });
    expect(identity.phone).toBe('351913000009');
    expect((await repos().messages.thread([conversation.id], { limit: 10 })).map((m) => m.type)).toEqual(['text', 'user_changed_number', 'text']);
  });

  it('moves an identity to the new user id when Meta regenerates it', async () => {
    const t = Math.floor(env.braid.clock.now() / 1000);
    await env.postWebhook('whatsapp', waMessage({ phone: '+351914000001', bsuid: 'PT.4000001' }, 'wamid.d1', t, 'before'));
    const contactsBefore = await count('contacts');
    const change = waMessage({ phone: '+351914000001', bsuid: 'PT.4000001' }, 'wamid.d2', t + 5, '');
    const message = change.entry[0].changes[0].value.messages[0] as Record<string, unknown>;
    delete message.text;
    Object.assign(message, { type: 'system', system: { type: 'user_changed_user_id', body: 'User id changed', user_id: 'PT.4000009', previous_user_id: 'PT.4000001' } });
    expect((await env.postWebhook('whatsapp', change)).status).toBe(200);
    await env.postWebhook('whatsapp', waMessage({ bsuid: 'PT.4000009' }, 'wamid.d3', t + 10, 'after'));
    expect(await count('contacts')).toBe(contactsBefore);
    const { identity, conversation } = await conversationOf('whatsapp', { bsuid: 'PT.4000009' });
    expect(identity.phone).toBe('351914000001');
    expect((await repos().messages.thread([conversation.id], { limit: 10 })).map((m) => m.text)).toEqual(['before', 'User id changed', 'after']);
  });
});

describe('rejected deliveries', () => {
  it('acknowledges unknown objects, broken payloads and other accounts with 200, and records why', async () => {
    const before = await repos().deliveries.count({ outcome: 'rejected' });
    const bodies: [ 'instagram' | 'whatsapp', unknown][] = [
      ['instagram', { object: 'page', entry: [] }],
      ['instagram', 'not json at all'],
      ['whatsapp', { object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: { metadata: {} } }] }] }],
      ['instagram', { object: 'instagram', entry: [{ id: '999', time: 1795770000000, messaging: [{ sender: { id: '1' }, recipient: { id: '999' }, timestamp: 1795770000000, message: { mid: 'm.other', text: 'x' } }] }] }],
    ];
    for (const [channel, body] of bodies) {
      env.braid.clock.advance(1); // deliveries are listed by time of receipt
      expect((await env.postWebhook(channel, body)).status).toBe(200);
    }
    expect(await repos().deliveries.count({ outcome: 'rejected' })).toBe(before + 4);
    const reasons = (await repos().deliveries.latest(4)).map((d) => d.reason).join('\n');
    expect(reasons).toContain('not connected to Braid');
    expect(reasons).toContain('not JSON');
    expect(await repos().messages.findByExternalId(env.instagram.id, 'm.other')).toBeUndefined();
    const metrics = await (await fetch(`${env.braid.url}/metrics`)).text();
    expect(metrics).toMatch(/braid_webhook_deliveries_total\{channel="instagram",outcome="rejected"\} [1-9]/);
  });

  it('notes changes to messages it never saw without failing the delivery', async () => {
    const customer = await env.platform.createCustomer();
    const item = (event: Record<string, unknown>) => ({
      object: 'instagram',
      entry: [{ id: '17841400000000001', time: env.braid.clock.now(), messaging: [{ sender: { id: customer.igsid }, recipient: { id: '17841400000000001' }, timestamp: env.braid.clock.now(), ...event }] }],
    });
    for (const event of [{ read: { mid: 'm.never-seen' } }, { reaction: { mid: 'm.never-seen', action: 'react', reaction: 'love', emoji: '❤' } }, { message_edit: { mid: 'm.never-seen', text: 'x', num_edit: 1 } }]) {
      env.braid.clock.advance(1);
      expect((await env.postWebhook('instagram', item(event))).status).toBe(200);
    }
    const latest = await repos().deliveries.latest(3);
    expect(latest.every((d) => d.outcome === 'accepted')).toBe(true);
    expect(latest.map((d) => d.reason).join(' ')).toContain('unknown message m.never-seen');
  });
});

describe('Instagram customers', () => {
  it('creates contact, identity and conversation for a new sender and fills the name from the profile', async () => {
    const ana = await env.platform.createCustomer({ name: 'Ana Souza', igUsername: 'ana.souza' });
    await env.platform.sendInstagramText(ana.id, 'Do you ship to Lisbon?');
    await env.platform.flush();
    const { identity, conversation } = await conversationOf('instagram', { igsid: ana.igsid });
    expect(identity.username).toBeNull();
    await env.settle();
    const list = await env.agentApi.get(`/api/conversations?q=ana.souza`);
    expect(list.status).toBe(200);
    expect(list.body.conversations).toHaveLength(1);
    expect(list.body.conversations[0]).toMatchObject({
      id: conversation.id,
      channel: 'instagram',
      contactId: identity.contactId,
      customer: { name: 'Ana Souza', handle: '@ana.souza' },
      lastMessage: { preview: 'Do you ship to Lisbon?' },
      unreadCount: 1,
      assignee: null,
    });
  });

  it('applies reactions, edits and unsends to stored messages', async () => {
    const customer = await env.platform.createCustomer();
    const { mid } = await env.platform.sendInstagramText(customer.id, 'original text');
    await env.platform.flush();
    const item = (event: Record<string, unknown>) => ({
      object: 'instagram',
      entry: [{ id: '17841400000000001', time: env.braid.clock.now(), messaging: [{ sender: { id: customer.igsid }, recipient: { id: '17841400000000001' }, timestamp: env.braid.clock.now(), ...event }] }],
    });
    await env.postWebhook('instagram', item({ message_edit: { mid, text: 'edited text', num_edit: 1 } }));
    await env.postWebhook('instagram', item({ reaction: { mid, action: 'react', reaction: 'love', emoji: '❤' } }));
    let message = (await repos().messages.findByExternalId(env.instagram.id, mid))!;
    expect(message.text).toBe('edited text');
    expect(message.payload).toMatchObject({ edited: true, editCount: 1, reactions: { customer: { emoji: '❤' } } });
    await env.postWebhook('instagram', item({ message: { mid, is_deleted: true } }));
    message = (await repos().messages.findByExternalId(env.instagram.id, mid))!;
    expect(message).toMatchObject({ type: 'deleted', text: null });
  });
});
