import type { AppContext } from '../../context';
import { conflict } from '../../domain/shared/errors';
import type { MergeRequest } from '../../store/repositories/mergeRequests';
import { moveInvite } from './steps/moveInvite';
import { auditDecision, type DecideMergeRequestInput, pendingRequest } from './steps/decideMergeRequest';
import { publishDecision } from './steps/requestMerge';

/**
 * The agent's Reject: nothing is merged, both contacts stay as they are, and the invite ends as
 * `rejected` so its code cannot be used again.
 */
export async function rejectMergeRequest(ctx: AppContext, input: DecideMergeRequestInput & { reason?: string | null }): Promise<{ request: MergeRequest }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const request = await pendingRequest(repos, input);
    if (!(await repos.mergeRequests.decide(request.id, 'rejected', input.actorId, now))) {
      throw conflict('merge_request_decided', 'This merge request was already decided by another agent. Reload the conversation.');
    }
    const decided: MergeRequest = { ...request, state: 'rejected', decidedBy: input.actorId, decidedAt: now };
    await auditDecision(repos, decided, input.actorId, now);
    const invite = request.inviteId ? await repos.invites.get(input.workspaceId, request.inviteId) : undefined;
    if (invite) {
      await moveInvite(repos, invite, ['connected'], 'rejected', {
        actor: { type: 'user', id: input.actorId },
        now,
        data: { mergeRequestId: request.id, reason: input.reason ?? null },
      });
    }
    await publishDecision(repos, decided, invite, now);
    return { request: decided };
  });
}
