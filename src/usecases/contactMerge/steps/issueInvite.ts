import { generateInviteCode, hashInviteCode } from '../../../domain/contactMerge/inviteCode';
import { newId } from '../../../domain/shared/ids';
import type { Conversation } from '../../../store/repositories/conversations';
import type { Identity } from '../../../store/repositories/identities';
import type { Invite, InviteDirection } from '../../../store/repositories/invites';
import type { Message } from '../../../store/repositories/messages';
import type { Repositories } from '../../../store/store';
import { addSystemItem } from '../../messages/steps/systemItems';
import { expireInviteJob } from '../jobs';
import { inviteEvent, moveInvite } from './moveInvite';

/**
 * The customer's identity, with its contact locked until the transaction ends: two agents inviting
 * the same customer at once on PostgreSQL would otherwise both find no live invite and leave two
 * working codes. A merge locks the same contact rows, so the identity cannot move meanwhile.
 */
export async function lockedIdentity(repos: Repositories, workspaceId: string, identityId: string): Promise<Identity | undefined> {
  for (;;) {
    const identity = await repos.identities.get(workspaceId, identityId);
    if (!identity) return undefined;
    await repos.contacts.lock(workspaceId, [identity.contactId]);
    const settled = await repos.identities.get(workspaceId, identityId);
    if (!settled || settled.contactId === identity.contactId) return settled;
  }
}

/**
 * A new invite (its code returned once, only its hash kept) from the customer's identity in this
 * conversation, after the live one of the same direction stops working: only the newest code works.
 */
export async function openInvite(
  repos: Repositories,
  input: { conversation: Conversation; identity: Identity; direction: InviteDirection; actorId: string | null; now: number },
): Promise<{ invite: Invite; code: string; superseded: string[] }> {
  const { conversation, identity, direction, actorId, now } = input;
  const superseded = await supersedeLiveInvites(repos, identity.id, direction, actorId, now);
  const { settings } = (await repos.workspaces.get(conversation.workspaceId))!;
  const code = generateInviteCode();
  const toWhatsApp = direction === 'to_whatsapp';
  const invite: Invite = {
    id: newId(),
    workspaceId: conversation.workspaceId,
    direction,
    contactId: identity.contactId,
    conversationId: conversation.id,
    originIdentityId: identity.id,
    igIdentityId: toWhatsApp ? identity.id : null,
    codeHash: hashInviteCode(code),
    state: 'sent',
    createdBy: actorId,
    createdAt: now,
    expiresAt: now + settings.inviteExpiryHours * 60 * 60 * 1000,
    connectedAt: null,
    waIdentityId: toWhatsApp ? null : identity.id,
    waConversationId: toWhatsApp ? null : conversation.id,
    igConversationId: toWhatsApp ? conversation.id : null,
    messageId: null,
  };
  await repos.invites.create(invite);
  return { invite, code, superseded };
}

/** What every invite leaves behind once its message is queued: the thread item, the audit line, its expiry. */
export async function recordInviteSent(
  repos: Repositories,
  input: { invite: Invite; conversation: Conversation; itemText: string; superseded: string[]; actorId: string | null; now: number },
): Promise<Message> {
  const { invite, conversation, actorId, now } = input;
  // The guide's invite keeps the shape it always had; the other direction says which it is.
  const direction = invite.direction === 'to_whatsapp' ? {} : { direction: invite.direction };
  const item = await addSystemItem(
    repos,
    conversation,
    { type: 'invite', text: input.itemText, payload: { inviteId: invite.id, ...direction, state: 'sent', expiresAt: invite.expiresAt }, authorId: actorId },
    now,
  );
  await repos.invites.setMessage(invite.id, item.id);
  invite.messageId = item.id;
  await repos.audit.append(
    {
      workspaceId: invite.workspaceId,
      actorType: actorId ? 'user' : 'automation',
      actorId,
      action: 'invite.sent',
      subjectType: 'invite',
      subjectId: invite.id,
      contactId: invite.contactId,
      data: { how: 'invite', ...direction, conversationId: conversation.id, expiresAt: invite.expiresAt, superseded: input.superseded },
    },
    now,
  );
  await repos.jobs.enqueue(
    expireInviteJob.of({ inviteId: invite.id, workspaceId: invite.workspaceId }, { key: `invite.expire:${invite.id}`, runAt: invite.expiresAt }),
    now,
  );
  await repos.events.record(invite.workspaceId, 'invite.updated', inviteEvent(invite), now);
  return item;
}

async function supersedeLiveInvites(repos: Repositories, identityId: string, direction: InviteDirection, actorId: string | null, now: number): Promise<string[]> {
  const superseded: string[] = [];
  const actor = { type: actorId ? ('user' as const) : ('automation' as const), id: actorId };
  for (const old of await repos.invites.liveForIdentity(identityId, direction)) {
    // One that ran out before this send is recorded as expired, not as replaced.
    if (old.expiresAt <= now) await moveInvite(repos, old, ['sent'], 'expired', { actor: { type: 'system', id: null }, now });
    else if (await moveInvite(repos, old, ['sent'], 'superseded', { actor, now })) superseded.push(old.id);
  }
  return superseded;
}
