import type { AppContext } from '../../context';
import { tokenMatchesHash } from '../../domain/auth/tokens';
import { maskedWhatsAppAccount, parseNotMePayload } from '../../domain/contactMerge/inviteSafety';
import type { Repositories } from '../../store/store';
import { type Actor, addSystemItem } from '../messages/steps/systemItems';
import { moveInvite } from './steps/moveInvite';
import { revertMerge } from './steps/revertMerge';

export type DisputeOutcome = { outcome: 'ignored' } | { outcome: 'undone'; mergeId: string } | { outcome: 'kept'; mergeId: string; reason: string };

const CUSTOMER: Actor = { type: 'customer', id: null };

/**
 * The customer tapped "Not me" under the Instagram notice naming the WhatsApp account an invite
 * linked: someone else sent their code. The merge is undone at once, by the customer, the invite
 * is marked disputed (its code stays dead), and the agent reads in the thread what happened.
 * Only the payload of that notice works: it names the merge and carries a token whose hash the
 * merge keeps, and it must come from the customer of that Instagram conversation.
 */
export async function disputeMerge(ctx: AppContext, input: { messageId: string }): Promise<DisputeOutcome> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const message = await repos.messages.findById(input.messageId);
    if (!message || message.direction !== 'inbound' || message.kind !== 'instagram') return { outcome: 'ignored' };
    const claim = parseNotMePayload(typeof message.payload.quickReplyPayload === 'string' ? message.payload.quickReplyPayload : null);
    if (!claim) return { outcome: 'ignored' };
    const { workspaceId } = message;
    const merge = await repos.merges.get(workspaceId, claim.mergeId);
    const dispute = merge && (await repos.merges.disputeOf(workspaceId, merge.id));
    if (!merge || !dispute?.tokenHash || !dispute.inviteId || !tokenMatchesHash(claim.token, dispute.tokenHash)) return { outcome: 'ignored' };
    const invite = await repos.invites.get(workspaceId, dispute.inviteId);
    if (!invite || invite.conversationId !== message.conversationId) return { outcome: 'ignored' };
    const conversation = await repos.conversations.get(workspaceId, message.conversationId);
    if (!conversation) return { outcome: 'ignored' };
    if (merge.undoneAt !== null) return { outcome: 'kept', mergeId: merge.id, reason: 'already undone' };

    const linked = invite.waIdentityId ? await repos.identities.get(workspaceId, invite.waIdentityId) : undefined;
    const account = linked ? maskedWhatsAppAccount(linked) : 'the WhatsApp account';
    const later = await undoIfPossible(repos, merge, now);
    await moveInvite(repos, invite, ['merged'], 'disputed', { actor: CUSTOMER, now, data: { mergeId: merge.id, undone: later === null } });
    const text =
      later === null
        ? `The customer tapped Not me: ${account} is not theirs. The merge was undone; whoever sent the invite code from that account is a separate contact again. Check before sending anything private on WhatsApp.`
        : `The customer tapped Not me: ${account} is not theirs. The merge could not be undone by itself because a later merge was built on it: undo that one first, then this one.`;
    await addSystemItem(repos, conversation, { type: 'note', text, payload: { reason: 'merge_disputed', mergeId: merge.id, inviteId: invite.id } }, now);
    return later === null ? { outcome: 'undone', mergeId: merge.id } : { outcome: 'kept', mergeId: merge.id, reason: later };
  });
}

/** Undoes the merge as the customer; null when done, or why it could not be. */
async function undoIfPossible(repos: Repositories, merge: Parameters<typeof revertMerge>[1]['merge'], now: number): Promise<string | null> {
  try {
    await revertMerge(repos, { merge, actor: CUSTOMER, reason: 'The customer said the linked WhatsApp account is not theirs (Not me).', now });
    return null;
  } catch (error) {
    if ((error as { code?: string }).code === 'undo_out_of_order') return 'a later merge was built on it';
    throw error;
  }
}
