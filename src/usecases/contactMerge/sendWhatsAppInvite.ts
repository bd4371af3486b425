import type { AppContext } from '../../context';
import { conflict, notFound } from '../../domain/shared/errors';
import { newId } from '../../domain/shared/ids';
import { buildWaMeUrl, fillInviteSentence, formatInviteCode, generateInviteCode, hashInviteCode } from '../../domain/contactMerge/inviteCode';
import { maskInviteCode } from '../../domain/contactMerge/inviteSafety';
import { normalizePhone } from '../../domain/shared/phone';
import { expireInviteJob } from './jobs';
import { invitesWhatsAppNumber } from '../channels/steps/invitesNumber';
import { replyWindowError } from '../../domain/messaging/replyWindow';
import type { Invite } from '../../store/repositories/invites';
import type { Message } from '../../store/repositories/messages';
import type { Repositories } from '../../store/store';
import { addSystemItem } from '../messages/steps/systemItems';
import { queueOutboundMessage } from '../messages/steps/queueOutboundMessage';
import { inviteEvent, moveInvite } from './steps/moveInvite';

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

    const superseded = await supersedeLiveInvites(repos, identity.id, input.actorId, now);
    const { settings } = (await repos.workspaces.get(input.workspaceId))!;
    const code = generateInviteCode();
    const invite: Invite = {
      id: newId(),
      workspaceId: input.workspaceId,
      direction: 'to_whatsapp',
      contactId: identity.contactId,
      conversationId: conversation.id,
      originIdentityId: identity.id,
      igIdentityId: identity.id,
      codeHash: hashInviteCode(code),
      state: 'sent',
      createdBy: input.actorId,
      createdAt: now,
      expiresAt: now + settings.inviteExpiryHours * 60 * 60 * 1000,
      connectedAt: null,
      waIdentityId: null,
      waConversationId: null,
      igConversationId: conversation.id,
      messageId: null,
    };
    await repos.invites.create(invite);
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
    const item = await addSystemItem(
      repos,
      conversation,
      { type: 'invite', text: 'WhatsApp invite sent', payload: { inviteId: invite.id, state: 'sent', expiresAt: invite.expiresAt }, authorId: input.actorId },
      now,
    );
    await repos.invites.setMessage(invite.id, item.id);
    invite.messageId = item.id;

    await repos.audit.append(
      {
        workspaceId: input.workspaceId,
        actorType: input.actorId ? 'user' : 'automation',
        actorId: input.actorId,
        action: 'invite.sent',
        subjectType: 'invite',
        subjectId: invite.id,
        contactId: identity.contactId,
        data: { how: 'invite', conversationId: conversation.id, expiresAt: invite.expiresAt, superseded },
      },
      now,
    );
    await repos.jobs.enqueue(
      expireInviteJob.of({ inviteId: invite.id, workspaceId: invite.workspaceId }, { key: `invite.expire:${invite.id}`, runAt: invite.expiresAt }),
      now,
    );
    await repos.events.record(input.workspaceId, 'invite.updated', inviteEvent(invite), now);
    return { invite, item, message, superseded };
  });
}

/** One live invite per Instagram identity: older ones stop working the moment a new one is sent. */
async function supersedeLiveInvites(repos: Repositories, igIdentityId: string, actorId: string | null, now: number): Promise<string[]> {
  const superseded: string[] = [];
  const actor = { type: actorId ? ('user' as const) : ('automation' as const), id: actorId };
  for (const old of await repos.invites.liveForIdentity(igIdentityId)) {
    // One that ran out before this send is recorded as expired, not as replaced.
    if (old.expiresAt <= now) await moveInvite(repos, old, ['sent'], 'expired', { actor: { type: 'system', id: null }, now });
    else if (await moveInvite(repos, old, ['sent'], 'superseded', { actor, now })) superseded.push(old.id);
  }
  return superseded;
}

/**
 * The Instagram identity, with its contact locked until the transaction ends: two agents inviting
 * the same customer at once on PostgreSQL would otherwise both find no live invite and leave two
 * working codes. A merge locks the same contact rows, so the identity cannot move meanwhile.
 */
async function lockedIdentity(repos: Repositories, workspaceId: string, identityId: string) {
  for (;;) {
    const identity = await repos.identities.get(workspaceId, identityId);
    if (!identity) return undefined;
    await repos.contacts.lock(workspaceId, [identity.contactId]);
    const settled = await repos.identities.get(workspaceId, identityId);
    if (!settled || settled.contactId === identity.contactId) return settled;
  }
}
