import { maskedWhatsAppAccount, NOT_ME_TITLE, notMePayload } from '../../../domain/contactMerge/inviteSafety';
import { newSecretToken } from '../../../domain/auth/tokens';
import { replyWindow } from '../../../domain/messaging/replyWindow';
import type { Invite } from '../../../store/repositories/invites';
import type { Repositories } from '../../../store/store';
import { queueOutboundMessage } from '../../messages/steps/queueOutboundMessage';
import { fallbackTemplateContent } from '../../templates/steps/fallbackTemplate';
import { type Actor, addSystemItem } from '../../messages/steps/systemItems';
import { moveInvite } from './moveInvite';

export const MERGE_CONFIRMATION_TEXT = 'Thanks! Your WhatsApp is now linked to your Instagram chat with us. You can continue here.';

export function linkNoticeText(account: string): string {
  return `This chat is now linked to ${account}. If that wasn't you, tap ${NOT_ME_TITLE}.`;
}

/**
 * The invite is done: state `merged`. The customer is told on WhatsApp that the link worked, and on
 * Instagram which WhatsApp account was linked, with a "Not me" quick reply whose payload is bound
 * to this merge by a token only that message carries. Each goes out only inside its reply window.
 */
export async function completeInvite(
  repos: Repositories,
  input: { workspaceId: string; inviteId: string; mergeId: string; actor: Actor; now: number },
): Promise<void> {
  const { workspaceId, actor, now } = input;
  const invite = await repos.invites.get(workspaceId, input.inviteId);
  if (!invite || !(await moveInvite(repos, invite, ['connected'], 'merged', { actor, now }))) return;
  const authorId = actor.type === 'user' ? actor.id : null;

  const whatsapp = invite.waConversationId ? await repos.conversations.get(workspaceId, invite.waConversationId) : undefined;
  // The customer wrote the code moments ago, so the window is open; a merge accepted days later may
  // not be, and then only the workspace's chosen template can tell them.
  const confirmation = whatsapp && (replyWindow(whatsapp.lastInboundAt, now).open ? { kind: 'text' as const, text: MERGE_CONFIRMATION_TEXT } : await fallbackTemplateContent(repos, whatsapp));
  if (whatsapp && confirmation) {
    await queueOutboundMessage(repos, {
      conversation: whatsapp,
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
  const instagram = await repos.conversations.get(invite.workspaceId, invite.conversationId);
  const linked = invite.waIdentityId ? await repos.identities.get(invite.workspaceId, invite.waIdentityId) : undefined;
  if (!instagram || !linked) return;
  if (!replyWindow(instagram.lastInboundAt, now).open) {
    await addSystemItem(
      repos,
      instagram,
      { type: 'note', text: 'The customer could not be told on Instagram which WhatsApp account was linked: the Instagram reply window is closed. Check with them before sharing anything private on WhatsApp.', payload: { mergeId } },
      now,
    );
    return;
  }
  const { token, hash } = newSecretToken();
  await repos.merges.setDisputeToken(mergeId, hash);
  const notice = (shownToken: string) => ({
    kind: 'quick_replies' as const,
    text: linkNoticeText(maskedWhatsAppAccount(linked)),
    replies: [{ title: NOT_ME_TITLE, payload: notMePayload(mergeId, shownToken) }],
  });
  await queueOutboundMessage(repos, {
    conversation: instagram,
    content: notice(token),
    onceSent: notice('sent'),
    sentBy: 'system',
    authorId,
    now,
    meta: { inviteId: invite.id, mergeId },
  });
}
