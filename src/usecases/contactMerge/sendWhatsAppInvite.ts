import type { AppContext } from '../../context';
import { conflict, notFound } from '../../domain/shared/errors';
import { buildWaMeUrl, fillInviteSentence, formatInviteCode } from '../../domain/contactMerge/inviteCode';
import { maskInviteCode } from '../../domain/contactMerge/inviteSafety';
import { normalizePhone } from '../../domain/shared/phone';
import { invitesWhatsAppNumber } from '../channels/steps/invitesNumber';
import { replyWindowError } from '../../domain/messaging/replyWindow';
import type { Invite } from '../../store/repositories/invites';
import type { Message } from '../../store/repositories/messages';
import { queueOutboundMessage } from '../messages/steps/queueOutboundMessage';
import { lockedIdentity, openInvite, recordInviteSent } from './steps/issueInvite';

export interface SendWhatsAppInviteInput {
  workspaceId: string;
  conversationId: string;
  /** The agent who clicked OK; null when an automation step sends it. */
  actorId: string | null;
}

export interface SendWhatsAppInviteResult {
  invite: Invite;
  /** The thread item that shows the invite and its state. */
  item: Message;
  /** The Instagram button template queued for the customer. */
  message: Message;
  superseded: string[];
}

/**
 * Sends the Instagram customer a button template whose Connect button opens WhatsApp with a
 * sentence carrying a one-time code. Only the code's hash is stored on the invite. Sending again
 * supersedes the live invite of the same Instagram identity, so only the newest code works.
 */
export async function sendWhatsAppInvite(ctx: AppContext, input: SendWhatsAppInviteInput): Promise<SendWhatsAppInviteResult> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const conversation = await repos.conversations.get(input.workspaceId, input.conversationId);
    if (!conversation) throw notFound('conversation_not_found', 'This conversation does not exist in this workspace.');
    if (conversation.kind !== 'instagram') {
      throw conflict('invite_needs_instagram', 'A WhatsApp invite is sent from an Instagram conversation. Open the customer’s Instagram chat to send it.');
    }
    const instagram = await repos.channels.get(input.workspaceId, conversation.channelId);
    const whatsapp = instagram && (await invitesWhatsAppNumber(repos, ctx.config, instagram));
    const businessNumber = whatsapp && normalizePhone(whatsapp.phoneNumber);
    if (!whatsapp || !businessNumber) {
      throw conflict(
        'whatsapp_not_configured',
        'No WhatsApp number is configured, so the customer would have nowhere to connect. Ask an admin to connect WhatsApp (WHATSAPP_PHONE_NUMBER) first.',
      );
    }
    const windowClosed = replyWindowError('instagram', conversation.lastInboundAt, now);
    if (windowClosed) throw windowClosed;
    const identity = await lockedIdentity(repos, input.workspaceId, conversation.identityId);
    if (!identity) throw notFound('conversation_not_found', 'This conversation has no customer.');
    const identities = await repos.identities.forContacts([identity.contactId]);
    const onWhatsApp = identities.find((i) => i.kind === 'whatsapp');
    if (onWhatsApp) {
      throw conflict('contact_has_whatsapp', 'This customer is already connected on WhatsApp. Switch the composer to WhatsApp to write to them there.', {
        whatsappIdentityId: onWhatsApp.id,
      });
    }

    const { settings } = (await repos.workspaces.get(input.workspaceId))!;
    const { invite, code, superseded } = await openInvite(repos, { conversation, identity, direction: 'to_whatsapp', actorId: input.actorId, now });
    const connect = (shownCode: string) => ({
      kind: 'buttons' as const,
      text: settings.inviteText,
      buttons: [{ type: 'web_url' as const, title: 'Connect', url: buildWaMeUrl(businessNumber, fillInviteSentence(settings.inviteSentence, shownCode)) }],
    });
    const message = await queueOutboundMessage(repos, {
      conversation,
      content: connect(formatInviteCode(code)),
      onceSent: connect(maskInviteCode(code)),
      sentBy: input.actorId ? 'agent' : 'automation',
      authorId: input.actorId,
      now,
      meta: { inviteId: invite.id },
    });
    const item = await recordInviteSent(repos, { invite, conversation, itemText: 'WhatsApp invite sent', superseded, actorId: input.actorId, now });
    return { invite, item, message, superseded };
  });
}
