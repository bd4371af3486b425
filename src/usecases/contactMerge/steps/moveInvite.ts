import type { Invite } from '../../../store/repositories/invites';
import type { InviteState } from '../../../store/schema';
import type { Repositories } from '../../../store/store';
import { type Actor, updateSystemItem } from '../../messages/steps/systemItems';

/** The `invite.updated` realtime payload: sent on every state change of an invite. */
export function inviteEvent(invite: Invite) {
  return {
    inviteId: invite.id,
    contactId: invite.contactId,
    conversationId: invite.conversationId,
    state: invite.state,
    direction: invite.direction,
    messageId: invite.messageId,
    waConversationId: invite.waConversationId,
    igConversationId: invite.igConversationId,
  };
}

/**
 * Moves an invite to `to` if it is still in one of `from`, and keeps everything that shows it in
 * step: the thread item's state, the audit log and the realtime event. False when another writer
 * moved it first (nothing is written then).
 */
export async function moveInvite(
  repos: Repositories,
  invite: Invite,
  from: InviteState[],
  to: InviteState,
  change: { actor: Actor; now: number; data?: Record<string, unknown>; connected?: { identityId: string; conversationId: string } },
): Promise<Invite | null> {
  const { now } = change;
  const moved = await repos.invites.transition(invite.id, from, to, change.connected && { answer: change.connected, connectedAt: now });
  if (!moved) return null;
  const updated = (await repos.invites.get(invite.workspaceId, invite.id))!;
  await updateSystemItem(repos, invite.workspaceId, invite.messageId, { state: to, ...(change.connected && { connectedAt: now }) }, now);
  await repos.audit.append(
    {
      workspaceId: invite.workspaceId,
      actorType: change.actor.type,
      actorId: change.actor.id,
      action: `invite.${to}`,
      subjectType: 'invite',
      subjectId: invite.id,
      contactId: invite.contactId,
      data: { how: 'invite', direction: invite.direction, ...change.data },
    },
    now,
  );
  await repos.events.record(invite.workspaceId, 'invite.updated', inviteEvent(updated), now);
  return updated;
}
