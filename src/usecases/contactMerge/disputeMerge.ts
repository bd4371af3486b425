import type { AppContext } from '../../context';
import { tokenMatchesHash } from '../../domain/auth/tokens';
import { maskedInstagramAccount, maskedWhatsAppAccount, notMeAnswerOf, parseNotMePayload } from '../../domain/contactMerge/inviteSafety';
import type { Repositories } from '../../store/store';
import { type Actor, addSystemItem } from '../messages/steps/systemItems';
import { moveInvite } from './steps/moveInvite';
import { revertMerge } from './steps/revertMerge';

export type DisputeOutcome = { outcome: 'ignored' } | { outcome: 'undone'; mergeId: string } | { outcome: 'kept'; mergeId: string; reason: string };

const CUSTOMER: Actor = { type: 'customer', id: null };

/**
 * The customer tapped "Not me" under the notice naming the account an invite linked (on Instagram
 * for a WhatsApp invite, on WhatsApp for an Instagram link): someone else sent their code. The merge is undone at once, by the customer, the invite
 * is marked disputed (its code stays dead), and the agent reads in the thread what happened.
 * Only the payload of that notice works: it names the merge and carries a token whose hash the
 * merge keeps, and it must come from the customer of that Instagram conversation.
 */
export async function disputeMerge(ctx: AppContext, input: { messageId: string }): Promise<DisputeOutcome> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const message = await repos.messages.findById(input.messageId);
    if (!message || message.direction !== 'inbound') return { outcome: 'ignored' };
    const claim = parseNotMePayload(notMeAnswerOf(message.payload));
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
    // A job run again (its worker died before marking it done) finds the invite disputed already:
    // the agent was told once.
    if (invite.state === 'disputed') return { outcome: 'kept', mergeId: merge.id, reason: 'already disputed' };

    const toWhatsApp = invite.direction === 'to_whatsapp';
    const linkedId = toWhatsApp ? invite.waIdentityId : invite.igIdentityId;
    const linked = linkedId ? await repos.identities.get(workspaceId, linkedId) : undefined;
    const account = linked ? (toWhatsApp ? maskedWhatsAppAccount(linked) : maskedInstagramAccount(linked)) : toWhatsApp ? 'the WhatsApp account' : 'the Instagram account';
    const sender = toWhatsApp ? 'whoever sent the invite code from that account' : 'whoever opened the Instagram link from that account';
    const careful = toWhatsApp ? 'Check before sending anything private on WhatsApp.' : 'Check before sending anything private on Instagram.';
    const later = await undoIfPossible(repos, merge, now);
    await moveInvite(repos, invite, ['merged'], 'disputed', { actor: CUSTOMER, now, data: { mergeId: merge.id, undone: later === null } });
    const text =
      later === null
        ? `The customer tapped Not me: ${account} is not theirs. The merge was undone; ${sender} is a separate contact again. ${careful}`
        : `The customer tapped Not me: ${account} is not theirs. The merge could not be undone by itself because a later merge was built on it: undo that one first, then this one.`;
    await addSystemItem(repos, conversation, { type: 'note', text, payload: { reason: 'merge_disputed', mergeId: merge.id, inviteId: invite.id } }, now);
    return later === null ? { outcome: 'undone', mergeId: merge.id } : { outcome: 'kept', mergeId: merge.id, reason: later };
  });
}

/** Undoes the merge as the customer; null when done, or why it could not be. */
async function undoIfPossible(repos: Repositories, merge: Parameters<typeof revertMerge>[1]['merge'], now: number): Promise<string | null> {
  try {
    await revertMerge(repos, { merge, actor: CUSTOMER, reason: 'The customer said the linked account is not theirs (Not me).', now });
    return null;
  } catch (error) {
    if ((error as { code?: string }).code === 'undo_out_of_order') return 'a later merge was built on it';
    throw error;
  }
}
