import type { AppContext } from '../../context';
import { describeMergeConflict, type MergeConflict } from '../../domain/contactMerge/mergePlan';
import type { Merge } from '../../store/repositories/merges';
import type { MergeRequest } from '../../store/repositories/mergeRequests';
import { applyMerge } from './steps/applyMerge';
import { loadMergeState } from './steps/loadMergeState';
import { alreadyDecided, auditDecision, type DecideMergeRequestInput, pendingRequest } from './steps/decideMergeRequest';
import { publishDecision } from './steps/requestMerge';

/**
 * The agent's Merge on a merge request: the merge happens now, in the same transaction that marks
 * the request accepted, so a request is never accepted without its merge (or merged twice).
 * The agent was asked, so conflicts shown on the request do not stop it; refusals still do, and so
 * does a conflict that arose after the request was made (the contact got another WhatsApp account
 * meanwhile): the agent never saw it, so the Merge click does not confirm it.
 */
export async function acceptMergeRequest(ctx: AppContext, input: DecideMergeRequestInput): Promise<{ request: MergeRequest; merge: Merge }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const request = await pendingRequest(repos, input);
    const state = await loadMergeState(repos, {
      workspaceId: input.workspaceId,
      survivorId: request.survivorContactId,
      otherId: request.otherContactId,
      lock: true,
      now,
    });
    if (!(await repos.mergeRequests.decide(request.id, 'accepted', input.actorId, now))) throw alreadyDecided(request);
    const decided: MergeRequest = { ...request, state: 'accepted', decidedBy: input.actorId, decidedAt: now };
    const merge = await applyMerge(repos, {
      state,
      how: 'manual',
      actor: { type: 'user', id: input.actorId },
      reason: 'An agent accepted the merge request after the customer connected on WhatsApp.',
      confirmed: state.plan.conflicts.every((c) => c.severity !== 'ask' || shownOn(request, c)),
      inviteId: request.inviteId,
      mergeRequestId: request.id,
      now,
    });
    await auditDecision(repos, decided, input.actorId, now);
    const invite = request.inviteId ? await repos.invites.get(input.workspaceId, request.inviteId) : undefined;
    await publishDecision(repos, decided, invite, now);
    return { request: decided, merge };
  });
}

/** The request's reason is what the agent read before clicking Merge: each conflict it names is confirmed. */
function shownOn(request: MergeRequest, conflict: MergeConflict): boolean {
  return request.reason.includes(describeMergeConflict(conflict));
}
