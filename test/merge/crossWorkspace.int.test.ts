import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInWorkspace } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { addCustomer, addInbound } from '../mergeFixtures';
import { detectInviteCode } from '../../src/usecases/contactMerge/detectInviteCode';

/**
 * Ids are not secrets: an agent who learns a real merge or merge-request id of another workspace
 * can do nothing with it. Each call answers 404, as for an id that does not exist, and changes nothing.
 */
let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

/** Workspace B with a live merge and a pending merge request, made the way agents and customers make them. */
async function workspaceWithMergeAndRequest() {
  const b = await signedInWorkspace(braid);
  const ig = await addCustomer(braid.ctx, b.instagram, { username: 'b.customer' });
  const wa = await addCustomer(braid.ctx, b.whatsapp, { phone: '351931111111' });
  const merged = await b.agentApi.post(`/api/contacts/${ig.contact.id}/merge`, { with: wa.contact.id });
  expect(merged.status).toBe(200);

  expect((await b.adminApi.patch(`/api/channels/${b.instagram.id}/settings`, { allowAutoMerge: false })).status).toBe(200);
  const asked = await addCustomer(braid.ctx, b.instagram, { username: 'b.asked' });
  const invite = await b.agentApi.post(`/api/conversations/${asked.conversation.id}/whatsapp-invite`);
  expect(invite.status).toBe(201);
  const sent = await braid.ctx.store.repos.messages.findById(invite.body.messageId);
  const url = (sent!.payload.outbound as { buttons: { url: string }[] }).buttons[0].url;
  const sender = await addCustomer(braid.ctx, b.whatsapp, { phone: '351932222222', wroteAt: null });
  const messageId = await addInbound(braid.ctx, sender.conversation, decodeURIComponent(url.split('?text=')[1]), braid.clock.now());
  const outcome = await detectInviteCode(braid.ctx, { messageId });
  expect(outcome.outcome).toBe('requested');
  const state = async () => ({
    merge: await b.agentApi.get(`/api/contacts/${ig.contact.id}`).then((r) => r.body),
    request: await b.agentApi.get(`/api/contacts/${asked.contact.id}`).then((r) => r.body.pendingMergeRequests),
    history: await b.agentApi.get(`/api/contacts/${ig.contact.id}/history`).then((r) => r.body),
  });
  return { b, mergeId: merged.body.merge.id as string, requestId: (outcome as { mergeRequestId: string }).mergeRequestId, state };
}

describe('another workspace’s real ids', () => {
  it('cannot undo its merge, nor accept or reject its merge request', async () => {
    const { mergeId, requestId, state } = await workspaceWithMergeAndRequest();
    const before = await state();
    expect(before.request).toHaveLength(1);

    const a = await signedInWorkspace(braid);
    for (const api of [a.agentApi, a.adminApi]) {
      const undo = await api.post(`/api/merges/${mergeId}/undo`, {});
      expect([undo.status, undo.body.error.code]).toEqual([404, 'merge_not_found']);
      const accept = await api.post(`/api/merge-requests/${requestId}/accept`);
      expect([accept.status, accept.body.error.code]).toEqual([404, 'merge_request_not_found']);
      const reject = await api.post(`/api/merge-requests/${requestId}/reject`, {});
      expect([reject.status, reject.body.error.code]).toEqual([404, 'merge_request_not_found']);
    }
    expect(await state()).toEqual(before);
  });
});
