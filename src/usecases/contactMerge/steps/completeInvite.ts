import { maskedInstagramAccount, maskedWhatsAppAccount, NOT_ME_TITLE, notMePayload } from '../../../domain/contactMerge/inviteSafety';
import { newSecretToken } from '../../../domain/auth/tokens';
import { replyWindow } from '../../../domain/messaging/replyWindow';
import type { Invite } from '../../../store/repositories/invites';
import type { Repositories } from '../../../store/store';
import { queueOutboundMessage } from '../../messages/steps/queueOutboundMessage';
import { fallbackTemplateContent } from '../../templates/steps/fallbackTemplate';
import { type Actor, addSystemItem } from '../../messages/steps/systemItems';
import { moveInvite } from './moveInvite';

export const MERGE_CONFIRMATION_TEXT = 'Thanks! Your WhatsApp is now linked to your Instagram chat with us. You can continue here.';
/** The same, on Instagram, after the customer opened an Instagram link sent on WhatsApp. */
export const INSTAGRAM_LINK_CONFIRMATION_TEXT = 'Thanks! Your Instagram is now linked to your WhatsApp chat with us. You can continue here.';

export function linkNoticeText(account: string): string {
  return `This chat is now linked to ${account}. If that wasn't you, tap ${NOT_ME_TITLE}.`;
}

/**
 * The invite is done: state `merged`. The customer is told where they answered (WhatsApp for an
 * invite, Instagram for an Instagram link) that the link worked, and where the invite was sent
 * which account was linked, with a "Not me" reply whose payload is bound to this merge by a token
 * only that message carries. Each goes out only inside its reply window.
 */
export async function completeInvite(
  repos: Repositories,
  input: { workspaceId: string; inviteId: string; mergeId: string; actor: Actor; now: number },
): Promise<void> {
  const { workspaceId, actor, now } = input;
  const invite = await repos.invites.get(workspaceId, input.inviteId);
  if (!invite || !(await moveInvite(repos, invite, ['connected'], 'merged', { actor, now }))) return;
  const authorId = actor.type === 'user' ? actor.id : null;

  const toWhatsApp = invite.direction === 'to_whatsapp';
  const answeredOn = toWhatsApp ? invite.waConversationId : invite.igConversationId;
  const answer = answeredOn ? await repos.conversations.get(workspaceId, answeredOn) : undefined;
  // The customer wrote the code moments ago, so the window is open; a merge accepted days later may
  // not be, and then only the workspace's chosen WhatsApp template can tell them. An Instagram link
  // opened without a message opens no window: the notice is enough then.
  const confirmation =
    answer &&
    (replyWindow(answer.lastInboundAt, now).open
      ? { kind: 'text' as const, text: toWhatsApp ? MERGE_CONFIRMATION_TEXT : INSTAGRAM_LINK_CONFIRMATION_TEXT }
      : toWhatsApp
        ? await fallbackTemplateContent(repos, answer)
        : undefined);
  if (answer && confirmation) {
    await queueOutboundMessage(repos, {
      conversation: answer,
      content: confirmation,
      sentBy: 'system',
      authorId,
      now,
      meta: { inviteId: invite.id },
    });
  }
  await offerNotMe(repos, invite, input.mergeId, authorId, now);
}

async function offerNotMe(repos: Repositories, invite: Invite, mergeId: string, authorId: string | null, now: number): Promise<void> {
  const toWhatsApp = invite.direction === 'to_whatsapp';
  const origin = await repos.conversations.get(invite.workspaceId, invite.conversationId);
  const linkedId = toWhatsApp ? invite.waIdentityId : invite.igIdentityId;
  const linked = linkedId ? await repos.identities.get(invite.workspaceId, linkedId) : undefined;
  if (!origin || !linked) return;
  if (!replyWindow(origin.lastInboundAt, now).open) {
    const text = toWhatsApp
      ? 'The customer could not be told on Instagram which WhatsApp account was linked: the Instagram reply window is closed. Check with them before sharing anything private on WhatsApp.'
      : 'The customer could not be told on WhatsApp which Instagram account was linked: the WhatsApp reply window is closed. Check with them before sharing anything private on Instagram.';
    await addSystemItem(repos, origin, { type: 'note', text, payload: { mergeId } }, now);
    return;
  }
  const { token, hash } = newSecretToken();
  await repos.merges.setDisputeToken(mergeId, hash);
  const notice = (shownToken: string) => ({
    kind: 'quick_replies' as const,
    text: linkNoticeText(toWhatsApp ? maskedWhatsAppAccount(linked) : maskedInstagramAccount(linked)),
    replies: [{ title: NOT_ME_TITLE, payload: notMePayload(mergeId, shownToken) }],
  });
  await queueOutboundMessage(repos, {
    conversation: origin,
    content: notice(token),
    onceSent: notice('sent'),
    sentBy: 'system',
    authorId,
    now,
    meta: { inviteId: invite.id, mergeId },
  });
}
