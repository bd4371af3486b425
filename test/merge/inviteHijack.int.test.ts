import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInviteCodeMatches, generateInviteCode } from '../../src/domain/contactMerge/inviteCode';
import { GUESS_LIMIT } from '../../src/usecases/contactMerge/detectInviteCode';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';
import { contactView, conversationOf, inviteCustomer, itemsIn } from './inviteFlow';

/**
 * A leaked invite code (seen over a shoulder, in a forwarded screenshot) must not hand a stranger
 * the customer's contact: names that differ ask the agent, the customer is told on Instagram which
 * WhatsApp account was linked and can undo it with Not me, and the stored invite keeps no code.
 */
let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

const lastInstagramSend = async (customerId: string) => (await env.platform.sends({ channel: 'instagram', customerId })).at(-1)!.body as any;

async function history(contactId: string) {
  const response = await env.agentApi.get(`/api/contacts/${contactId}/history`);
  expect(response.status).toBe(200);
  return response.body.events as { action: string; actorType: string }[];
}

describe('a leaked invite code', () => {
  it('sent by a stranger whose WhatsApp name shares nothing with the customer asks the agent, even in automatic mode', async () => {
    const alice = await inviteCustomer(env, 'Alice Martin', 'alice.martin');
    const zoltan = await env.platform.createCustomer({ name: 'Zoltan Quarrington' });
    await env.platform.sendWhatsAppText(zoltan.id, alice.sentence);
    await env.settle();

    const view = await contactView(env, alice.ig.contactId);
    expect(view.identities.whatsapp).toEqual([]);
    expect(view.pendingMergeRequests).toHaveLength(1);
    expect(view.pendingMergeRequests[0].reason).toContain('names differ: Zoltan Quarrington on WhatsApp, Alice Martin on Instagram');
    const stranger = await conversationOf(env, 'whatsapp', 'Zoltan');
    expect((await contactView(env, stranger.contactId)).identities.instagram).toEqual([]);
  });

  it('merges at once when the names share a word, then tells the customer on Instagram with a Not me that undoes it', async () => {
    const ana = await inviteCustomer(env, 'Ana Souza', 'ana.souza');
    await env.platform.sendWhatsAppText(ana.customer.id, ana.sentence);
    await env.settle();
    expect((await contactView(env, ana.ig.contactId)).identities.whatsapp).toHaveLength(1);

    const customer = await env.platform.customer(ana.customer.id);
    const notice = await lastInstagramSend(ana.customer.id);
    expect(notice.message.text).toBe(`This chat is now linked to the WhatsApp number ending in ${customer.phone!.slice(-4)}. If that wasn't you, tap Not me.`);
    expect(notice.message.quick_replies).toHaveLength(1);
    const [notMe] = notice.message.quick_replies;
    expect(notMe.title).toBe('Not me');

    // The token travels to the customer only: Braid's copy of the sent notice no longer holds it.
    const rows = await env.braid.ctx.store.kysely.selectFrom('messages').select('payload').where('conversation_id', '=', ana.ig.id).execute();
    expect(rows.map((r) => r.payload).join('\n')).not.toContain(notMe.payload);

    await env.platform.tapInstagramQuickReply(ana.customer.id, 'Not me', notMe.payload);
    await env.settle();
    const after = await contactView(env, ana.ig.contactId);
    expect(after.identities.whatsapp).toEqual([]);
    expect(after.invites[0]).toMatchObject({ id: ana.inviteId, state: 'disputed' });
    const undos = (await history(ana.ig.contactId)).filter((e) => e.action === 'contact.unmerged');
    expect(undos.length).toBeGreaterThan(0);
    expect(undos.every((e) => e.actorType === 'customer')).toBe(true);
    const [note] = (await itemsIn(env, ana.ig.id, 'note')).filter((n) => n.payload.reason === 'merge_disputed');
    expect(note.text).toContain('The customer tapped Not me');
    expect(note.text).toContain('The merge was undone');

    // Tapping again changes nothing more; the code stays dead.
    await env.platform.tapInstagramQuickReply(ana.customer.id, 'Not me', notMe.payload);
    await env.platform.sendWhatsAppText(ana.customer.id, ana.sentence);
    await env.settle();
    expect((await history(ana.ig.contactId)).filter((e) => e.action === 'contact.unmerged')).toHaveLength(undos.length);
    expect((await contactView(env, ana.ig.contactId)).identities.whatsapp).toEqual([]);
  });

  it('a Not me with a forged token, or tapped by another customer, undoes nothing', async () => {
    const bea = await inviteCustomer(env, 'Bea Lima', 'bea.lima');
    await env.platform.sendWhatsAppText(bea.customer.id, bea.sentence);
    await env.settle();
    const [notMe] = (await lastInstagramSend(bea.customer.id)).message.quick_replies;
    const [prefix, mergeId] = notMe.payload.split(':');

    await env.platform.tapInstagramQuickReply(bea.customer.id, 'Not me', `${prefix}:${mergeId}:forged-token`);
    const other = await env.platform.createCustomer({ name: 'Carla Reis', igUsername: 'carla.reis' });
    await env.platform.tapInstagramQuickReply(other.id, 'Not me', notMe.payload);
    await env.settle();
    expect((await contactView(env, bea.ig.contactId)).identities.whatsapp).toHaveLength(1);
    expect((await history(bea.ig.contactId)).map((e) => e.action)).not.toContain('contact.unmerged');
  });

  it('after an agent accepts the merge request, the customer is told and can say Not me too', async () => {
    const instagram = env.instagram.id;
    expect((await env.adminApi.patch(`/api/channels/${instagram}/settings`, { allowAutoMerge: false })).status).toBe(200);
    try {
      const dora = await inviteCustomer(env, 'Dora Nunes', 'dora.nunes');
      await env.platform.sendWhatsAppText(dora.customer.id, dora.sentence);
      await env.settle();
      const [request] = (await contactView(env, dora.ig.contactId)).pendingMergeRequests;
      expect((await env.agentApi.post(`/api/merge-requests/${request.id}/accept`)).status).toBe(200);
      await env.settle();
      const notice = await lastInstagramSend(dora.customer.id);
      expect(notice.message.quick_replies.map((q: any) => q.title)).toEqual(['Not me']);
    } finally {
      await env.adminApi.patch(`/api/channels/${instagram}/settings`, { allowAutoMerge: true });
    }
  });

  it('is not kept in Braid once the Connect message has been sent: the thread shows it masked', async () => {
    const eva = await inviteCustomer(env, 'Eva Rocha', 'eva.rocha');
    const [sent] = findInviteCodeMatches(eva.sentence);
    const rows = await env.braid.ctx.store.kysely.selectFrom('messages').selectAll().where('conversation_id', '=', eva.ig.id).execute();
    const stored = JSON.stringify(rows);
    expect(findInviteCodeMatches(decodeURIComponent(stored)).map((m) => m.code)).not.toContain(sent.code);
    const connect = rows.find((r) => r.type === 'buttons')!;
    expect(decodeURIComponent(JSON.parse(connect.payload).outbound.buttons[0].url)).toContain(`••••-••••-••••-${sent.code.slice(-4)}`);
  });

  it('spelled loosely and matching no invite still counts as a guess', async () => {
    const fay = await inviteCustomer(env, 'Fay Duarte', 'fay.duarte');
    for (let i = 0; i < GUESS_LIMIT; i++) {
      await env.platform.sendWhatsAppText(fay.customer.id, `order ref${generateInviteCode().replaceAll('-', '')}`);
    }
    await env.settle();
    // The sender's guesses are used up: even the right code is not checked now.
    await env.platform.sendWhatsAppText(fay.customer.id, fay.sentence);
    await env.settle();
    expect((await contactView(env, fay.ig.contactId)).identities.whatsapp).toEqual([]);
  });
});
