import { describeMergeConflict } from '../../../domain/contactMerge/mergePlan';
import { newId } from '../../../domain/shared/ids';
import type { Conversation } from '../../../store/repositories/conversations';
import { type Invite, inviteConversationIds } from '../../../store/repositories/invites';
import type { MergeRequest } from '../../../store/repositories/mergeRequests';
import type { Repositories } from '../../../store/store';
import { contactLabel, type MergeState } from './loadMergeState';
import { type Actor, addSystemItem, updateSystemItem } from '../../messages/steps/systemItems';

/** The `merge_request.created` / `merge_request.updated` realtime payload. */
export function mergeRequestEvent(request: MergeRequest, conversationIds: string[]) {
  return {
    mergeRequestId: request.id,
    state: request.state,
    inviteId: request.inviteId,
    survivorContactId: request.survivorContactId,
    otherContactId: request.otherContactId,
    reason: request.reason,
    conversationIds,
  };
}

/**
 * Asks the agent instead of merging: manual merge mode, or a conflict that must never be merged
 * automatically. The question is posted in the conversation the invite was sent on and in the one
 * the customer answered on (who connected, through which invite), with Merge and Reject on both.
 */
export async function requestMerge(
  repos: Repositories,
  input: { state: MergeState; invite: Invite; conversations: Conversation[]; actor: Actor; now: number; why?: string[] },
): Promise<MergeRequest> {
  const { state, invite, now } = input;
  const asks = [...(input.why ?? []), ...state.plan.conflicts.filter((c) => c.severity !== 'info').map(describeMergeConflict)];
  const reason = asks.length ? asks.join(' ') : 'Manual merge mode is on: an agent decides.';
  const request: MergeRequest = {
    id: newId(),
    workspaceId: invite.workspaceId,
    inviteId: invite.id,
    survivorContactId: state.survivor.id,
    otherContactId: state.other.id,
    state: 'pending',
    reason,
    createdAt: now,
    decidedBy: null,
    decidedAt: null,
  };
  await repos.mergeRequests.create(request);

  const identities = [...state.survivorIdentities, ...state.otherIdentities];
  const who = contactLabel(state.other, identities);
  const to = contactLabel(state.survivor, identities);
  const text =
    invite.direction === 'to_instagram'
      ? `${who} opened Instagram through the Instagram link sent to ${to}. Merge the two contacts?`
      : `${who} connected on WhatsApp through the invite sent to ${to}. Merge the two contacts?`;
  for (const conversation of input.conversations) {
    await addSystemItem(
      repos,
      conversation,
      {
        type: 'merge_request',
        text,
        payload: {
          mergeRequestId: request.id,
          state: 'pending',
          inviteId: invite.id,
          survivorContactId: request.survivorContactId,
          otherContactId: request.otherContactId,
          reason,
          conflicts: state.plan.conflicts.filter((c) => c.severity !== 'info'),
        },
      },
      now,
    );
  }
  for (const contactId of [request.survivorContactId, request.otherContactId]) {
    await repos.audit.append(
      {
        workspaceId: request.workspaceId,
        actorType: input.actor.type,
        actorId: input.actor.id,
        action: 'merge_request.created',
        subjectType: 'merge_request',
        subjectId: request.id,
        contactId,
        data: { how: 'invite', direction: invite.direction, inviteId: invite.id, reason },
      },
      now,
    );
  }
  await repos.events.record(request.workspaceId, 'merge_request.created', mergeRequestEvent(request, input.conversations.map((c) => c.id)), now);
  return request;
}

/** Shows a decided request's new state on its thread items and tells open UIs. */
export async function publishDecision(repos: Repositories, request: MergeRequest, invite: Invite | undefined, now: number): Promise<void> {
  const conversationIds = invite ? inviteConversationIds(invite) : [];
  for (const messageId of await repos.mergeRequests.threadItemIds(conversationIds, request)) {
    await updateSystemItem(repos, request.workspaceId, messageId, { state: request.state }, now);
  }
  await repos.events.record(request.workspaceId, 'merge_request.updated', mergeRequestEvent(request, conversationIds), now);
}
