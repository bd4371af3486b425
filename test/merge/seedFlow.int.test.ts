import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERGE_CONFIRMATION_TEXT } from '../../src/usecases/contactMerge/steps/completeInvite';
import { openEventStream } from '../sse';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';
import { conversationOf, inviteCustomer } from './inviteFlow';

/**
 * The guide's flow end to end: real HTTP, signed webhooks from the simulated Meta platform, jobs
 * run by the worker. Auto merge (the default), then Manual merge mode with the agent's Merge.
 */
let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

async function expectOneContactWithBothChannels(contactId: string, customerId: string) {
  const view = await env.agentApi.get(`/api/contacts/${contactId}`);
  expect(view.status).toBe(200);
  expect(view.body.identities.instagram).toHaveLength(1);
  expect(view.body.identities.whatsapp).toHaveLength(1);
  expect(view.body.pendingMergeRequests).toEqual([]);

  const confirmations = await env.platform.sends({ channel: 'whatsapp', customerId });
  expect(confirmations.map((s) => (s.body as any).text?.body)).toContain(MERGE_CONFIRMATION_TEXT);

  const timeline = await env.agentApi.get(`/api/contacts/${contactId}/timeline`);
  const inbound = timeline.body.messages.filter((m: any) => m.direction === 'inbound');
  expect(inbound.map((m: any) => m.channel)).toEqual(['instagram', 'whatsapp']);
  const times = timeline.body.messages.map((m: any) => m.at);
  expect(times).toEqual([...times].sort((a, b) => a - b));

  // A reply on each channel goes to that channel's Graph endpoint, to that channel's id of the customer.
  const igConversation = view.body.identities.instagram[0].conversation.id;
  const waConversation = view.body.identities.whatsapp[0].conversation.id;
  expect((await env.agentApi.post(`/api/conversations/${igConversation}/messages`, { text: 'Reply on Instagram' })).status).toBe(201);
  expect((await env.agentApi.post(`/api/conversations/${waConversation}/messages`, { text: 'Reply on WhatsApp' })).status).toBe(201);
  await env.settle();
  const customer = await env.platform.customer(customerId);
  const igSends = await env.platform.sends({ channel: 'instagram', customerId });
  const waSends = await env.platform.sends({ channel: 'whatsapp', customerId });
  expect(igSends.at(-1)!.body).toMatchObject({ recipient: { id: customer.igsid }, message: { text: 'Reply on Instagram' } });
  expect((waSends.at(-1)!.body as any).text.body).toBe('Reply on WhatsApp');
  return view.body;
}

describe('Contact Merge Automation, the seed flow', () => {
  it('auto merge (default): invite, customer sends the code on WhatsApp, merged at once', async () => {
    const settings = await env.adminApi.get(`/api/channels/${env.instagram.id}/settings`);
    expect(settings.body.settings.allowAutoMerge).toBe(true);
    const since = await env.braid.ctx.store.repos.events.latestId(env.workspace.id);

    const { customer, ig, sentence, inviteId } = await inviteCustomer(env, 'Ana Silva', 'ana.silva');
    const stream = await openEventStream(env.braid.url, env.agentApi.cookie);
    await stream.next('ready');
    await env.platform.sendWhatsAppText(customer.id, sentence);
    await env.settle();
    // The agent's open tab hears of it (the UI shows the success message from this event).
    const live = await stream.next('contact.merged');
    expect(live.data).toMatchObject({ survivorId: ig.contactId, how: 'auto', inviteId, message: expect.stringContaining("Ana Silva's WhatsApp is now linked to their Instagram contact") });
    stream.close();

    const view = await expectOneContactWithBothChannels(ig.contactId, customer.id);
    expect(view.invites.find((i: any) => i.id === inviteId).state).toBe('merged');
    expect(view.identities.whatsapp[0]).toMatchObject({ externalId: customer.bsuid });

    const events = await env.braid.ctx.store.repos.events.since(env.workspace.id, since, 500);
    const merged = events.find((e) => e.type === 'contact.merged');
    expect(merged?.data).toMatchObject({ survivorId: ig.contactId, how: 'auto', inviteId });
    const states = events.filter((e) => e.type === 'invite.updated').map((e) => (e.data as any).state);
    expect(states).toEqual(['sent', 'connected', 'merged']);

    const history = await env.agentApi.get(`/api/contacts/${ig.contactId}/history`);
    const actions = history.body.events.map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['invite.sent', 'invite.connected', 'contact.merged', 'invite.merged']));
  });

  it('manual merge mode: a merge request in both threads, nothing merged until the agent clicks Merge', async () => {
    const patched = await env.adminApi.patch(`/api/channels/${env.instagram.id}/settings`, { allowAutoMerge: false });
    expect(patched.status).toBe(200);
    expect(patched.body.settings.allowAutoMerge).toBe(false);
    try {
      const { customer, ig, sentence, inviteId } = await inviteCustomer(env, 'Bruno Costa', 'bruno.costa');
      await env.platform.sendWhatsAppText(customer.id, `Hi! ${sentence.toLowerCase()} thanks`);
      await env.settle();

      const before = await env.agentApi.get(`/api/contacts/${ig.contactId}`);
      expect(before.body.identities.whatsapp).toEqual([]);
      expect(before.body.invites[0]).toMatchObject({ id: inviteId, state: 'connected' });
      const [request] = before.body.pendingMergeRequests;
      expect(request).toMatchObject({ inviteId, survivorContactId: ig.contactId, state: 'pending' });

      const wa = await conversationOf(env, 'whatsapp', 'Bruno');
      const thread = await env.agentApi.get(`/api/conversations/${wa.id}/messages`);
      const asked = thread.body.messages.find((m: any) => m.type === 'merge_request');
      expect(asked.payload).toMatchObject({ mergeRequestId: request.id, state: 'pending', inviteId });

      const accepted = await env.agentApi.post(`/api/merge-requests/${request.id}/accept`);
      expect(accepted.status, accepted.text).toBe(200);
      expect(accepted.body.merge).toMatchObject({ survivorId: ig.contactId, mergedId: wa.contactId, how: 'manual' });
      expect((await env.agentApi.post(`/api/merge-requests/${request.id}/accept`)).status).toBe(409);
      await env.settle();
      await expectOneContactWithBothChannels(ig.contactId, customer.id);

      // The old WhatsApp contact id still resolves, to the survivor.
      const old = await env.agentApi.get(`/api/contacts/${wa.contactId}`);
      expect(old.body).toMatchObject({ resolvedFrom: wa.contactId, contact: { id: ig.contactId } });
    } finally {
      await env.adminApi.patch(`/api/channels/${env.instagram.id}/settings`, { allowAutoMerge: true });
    }
  });
});
