import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUMAN_AGENT_WINDOW_MS, REPLY_WINDOW_MS } from '../../src/domain/messaging/replyWindow';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';
import { contactView, conversationOf, itemsIn, sendInvite } from './inviteFlow';

/** What only the clock changes: invites running out and reply windows closing and reopening, through the API. */
let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

let serial = 0;
const token = () => `k${Date.now().toString(36)}x${(serial++).toString(36)}`;

async function instagramCustomer() {
  const t = token();
  const customer = await env.platform.createCustomer({ name: `Noa ${t}`, igUsername: `noa.${t}`, phone: null });
  await env.platform.sendInstagramText(customer.id, `hello ${t}`);
  await env.settle();
  return { customer, t, ig: await conversationOf(env, 'instagram', t) };
}

async function window(conversationId: string) {
  const response = await env.agentApi.get(`/api/conversations/${conversationId}`);
  expect(response.status, response.text).toBe(200);
  return response.body.conversation.replyWindow as { open: boolean; closesAt: number | null; humanAgentUntil?: number };
}

function reply(conversationId: string, text: string) {
  return env.agentApi.post(`/api/conversations/${conversationId}/messages`, { text });
}

async function lastSend(customerId: string) {
  return (await env.platform.sends({ customerId })).at(-1)!;
}

describe('invite expiry through the clock', () => {
  it('an invite works until its expiry, then the expiry job marks it expired and its code merges nothing', async () => {
    // In time: one second before expiry the code still merges.
    const early = await instagramCustomer();
    const fresh = await sendInvite(env, early.ig.id, early.customer.id);
    const freshInvite = (await contactView(env, early.ig.contactId)).invites.find((i: any) => i.id === fresh.inviteId);
    env.braid.clock.advance(freshInvite.expiresAt - env.braid.clock.now() - 1000);
    await env.settle();
    expect((await contactView(env, early.ig.contactId)).invites.find((i: any) => i.id === fresh.inviteId).state).toBe('sent');
    await env.platform.sendWhatsAppText(early.customer.id, fresh.sentence);
    await env.settle();
    const merged = await contactView(env, early.ig.contactId);
    expect(merged.invites.find((i: any) => i.id === fresh.inviteId).state).toBe('merged');
    expect(merged.identities.whatsapp).toHaveLength(1);

    // Late: the expiry job runs when the clock reaches expiresAt, with no customer action.
    const late = await instagramCustomer();
    const stale = await sendInvite(env, late.ig.id, late.customer.id);
    const staleInvite = (await contactView(env, late.ig.contactId)).invites.find((i: any) => i.id === stale.inviteId);
    env.braid.clock.advance(staleInvite.expiresAt - env.braid.clock.now() - 1);
    await env.settle();
    expect((await contactView(env, late.ig.contactId)).invites.find((i: any) => i.id === stale.inviteId).state).toBe('sent');
    env.braid.clock.advance(1);
    await env.settle();
    expect((await contactView(env, late.ig.contactId)).invites.find((i: any) => i.id === stale.inviteId).state).toBe('expired');
    const item = (await itemsIn(env, late.ig.id, 'invite')).find((i) => i.payload.inviteId === stale.inviteId);
    expect(item?.payload.state).toBe('expired');

    await env.platform.sendWhatsAppText(late.customer.id, stale.sentence);
    await env.settle();
    const wa = await conversationOf(env, 'whatsapp', late.t);
    expect(wa.contactId).not.toBe(late.ig.contactId);
    expect((await contactView(env, late.ig.contactId)).identities.whatsapp).toEqual([]);
    const notes = (await itemsIn(env, wa.id, 'note')).map((n) => n.text);
    expect(notes.join('\n')).toMatch(/has expired/);
  });
});

describe('reply windows through the clock', () => {
  it('WhatsApp: open for 24 hours after the customer’s message, closed at the 24th hour, open again when they write', async () => {
    const t = token();
    const customer = await env.platform.createCustomer({ name: `Rui ${t}`, igUsername: `rui.${t}`, phone: null });
    await env.platform.sendWhatsAppText(customer.id, `hello ${t}`);
    await env.settle();
    const wa = await conversationOf(env, 'whatsapp', t);
    const wrote = env.braid.clock.now();
    expect(await window(wa.id)).toMatchObject({ open: true, closesAt: wrote + REPLY_WINDOW_MS });

    env.braid.clock.advance(REPLY_WINDOW_MS - 1);
    const inTime = await reply(wa.id, 'just in time');
    expect(inTime.status, inTime.text).toBe(201);
    await env.settle();
    expect((await lastSend(customer.id)).body).toMatchObject({ type: 'text', text: { body: 'just in time' } });

    env.braid.clock.advance(1);
    expect((await window(wa.id)).open).toBe(false);
    expect((await contactView(env, wa.contactId)).identities.whatsapp[0].conversation.replyWindowOpen).toBe(false);
    const late = await reply(wa.id, 'too late');
    expect(late.status, late.text).toBe(409);
    expect(late.body.error.code).toBe('reply_window_closed');
    expect(late.body.error.message).toMatch(/24 hours after the customer's last message/);
    // A human agent tag does not exist on WhatsApp: days later it is still closed.
    env.braid.clock.advance(3 * REPLY_WINDOW_MS);
    expect((await reply(wa.id, 'still too late')).status).toBe(409);

    await env.platform.sendWhatsAppText(customer.id, `back again ${t}`);
    await env.settle();
    expect(await window(wa.id)).toMatchObject({ open: true, closesAt: env.braid.clock.now() + REPLY_WINDOW_MS });
    const again = await reply(wa.id, 'welcome back');
    expect(again.status, again.text).toBe(201);
    await env.settle();
    expect((await lastSend(customer.id)).body).toMatchObject({ text: { body: 'welcome back' } });
    const sent = (await env.platform.sends({ customerId: customer.id })).map((s) => (s.body as any).text?.body);
    expect(sent).toEqual(['just in time', 'welcome back']);
  });

  it('Instagram: a plain reply for 24 hours, then tagged HUMAN_AGENT until the 7th day, then closed until the customer writes', async () => {
    const { customer, ig } = await instagramCustomer();
    const wrote = env.braid.clock.now();
    env.braid.clock.advance(REPLY_WINDOW_MS - 1);
    expect((await reply(ig.id, 'plain reply')).status).toBe(201);
    await env.settle();
    const plain = (await lastSend(customer.id)).body as any;
    expect(plain.message.text).toBe('plain reply');
    expect(plain.tag).toBeUndefined();

    env.braid.clock.advance(1);
    expect(await window(ig.id)).toMatchObject({ open: false, humanAgentUntil: wrote + HUMAN_AGENT_WINDOW_MS });
    expect((await reply(ig.id, 'as a human agent')).status).toBe(201);
    await env.settle();
    const tagged = (await lastSend(customer.id)).body as any;
    expect(tagged).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'as a human agent' } });

    env.braid.clock.advance(HUMAN_AGENT_WINDOW_MS - REPLY_WINDOW_MS - 1);
    expect((await reply(ig.id, 'last human agent minute')).status).toBe(201);
    await env.settle();
    expect((await lastSend(customer.id)).body).toMatchObject({ tag: 'HUMAN_AGENT', message: { text: 'last human agent minute' } });

    env.braid.clock.advance(1);
    const window7 = await window(ig.id);
    expect(window7.open).toBe(false);
    expect(window7.humanAgentUntil).toBeUndefined();
    const late = await reply(ig.id, 'after seven days');
    expect(late.status, late.text).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'reply_window_closed' });
    expect(late.body.error.message).toMatch(/7 days after the customer's last message/);

    await env.platform.sendInstagramText(customer.id, 'are you there?');
    await env.settle();
    expect((await window(ig.id)).open).toBe(true);
    expect((await reply(ig.id, 'yes, here')).status).toBe(201);
    await env.settle();
    const reopened = (await lastSend(customer.id)).body as any;
    expect(reopened.message.text).toBe('yes, here');
    expect(reopened.tag).toBeUndefined();
    const thread = await env.agentApi.get(`/api/conversations/${ig.id}/messages?limit=100`);
    const statuses = thread.body.messages.filter((m: any) => m.direction === 'outbound').map((m: any) => [m.text, m.status]);
    expect(statuses).toEqual([
      ['plain reply', 'sent'],
      ['as a human agent', 'sent'],
      ['last human agent minute', 'sent'],
      ['yes, here', 'sent'],
    ]);
  });
});
