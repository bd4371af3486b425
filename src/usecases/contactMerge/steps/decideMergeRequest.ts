import { conflict, notFound } from '../../../domain/shared/errors';
import type { MergeRequest } from '../../../store/repositories/mergeRequests';
import type { Repositories } from '../../../store/store';

export interface DecideMergeRequestInput {
  workspaceId: string;
  mergeRequestId: string;
  actorId: string;
}

/** The request, if it is in this workspace and still waiting for a decision. */
export async function pendingRequest(repos: Repositories, input: DecideMergeRequestInput): Promise<MergeRequest> {
  const request = await repos.mergeRequests.get(input.workspaceId, input.mergeRequestId);
  if (!request) throw notFound('merge_request_not_found', 'This merge request does not exist in this workspace.');
  if (request.state !== 'pending') throw alreadyDecided(request);
  return request;
}

export function alreadyDecided(request: MergeRequest) {
  return conflict('merge_request_decided', `This merge request was already ${request.state === 'pending' ? 'decided' : request.state} by another agent. Reload the conversation.`, {
    state: request.state,
  });
}

/** One audit line per contact of the request: who accepted or rejected it. */
export async function auditDecision(repos: Repositories, request: MergeRequest, actorId: string, now: number): Promise<void> {
  for (const contactId of [request.survivorContactId, request.otherContactId]) {
    await repos.audit.append(
      {
        workspaceId: request.workspaceId,
        actorType: 'user',
        actorId,
        action: `merge_request.${request.state}`,
        subjectType: 'merge_request',
        subjectId: request.id,
        contactId,
        data: { how: 'manual', inviteId: request.inviteId },
      },
      now,
    );
  }
}
