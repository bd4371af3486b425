import type { AppContext } from '../../context';
import { conflict, notFound } from '../../domain/shared/errors';
import { buildIgMeUrl } from '../../domain/contactMerge/inviteCode';
import { replyWindowError } from '../../domain/messaging/replyWindow';
import type { Channel } from '../../store/repositories/channels';
import type { Invite } from '../../store/repositories/invites';
import type { Message } from '../../store/repositories/messages';
import type { Repositories } from '../../store/store';
import { queueOutboundMessage } from '../messages/steps/queueOutboundMessage';
import { lockedIdentity, openInvite, recordInviteSent } from './steps/issueInvite';

/** The text above the Open Instagram button on the customer's WhatsApp. */
export const INSTAGRAM_LINK_TEXT = 'Would you like to continue on Instagram? Tap Open Instagram to open our chat there.';
export const OPEN_INSTAGRAM_TITLE = 'Open Instagram';

export interface SendInstagramLinkInput {
  workspaceId: string;
  conversationId: string;
  actorId: string | null;
}

export interface SendInstagramLinkResult {
  invite: Invite;
  item: Message;
  message: Message;
  superseded: string[];
}

/**
 * The guide's invite the other way: a WhatsApp customer gets a cta_url message whose Open Instagram
 * button opens `https://ig.me/m/<business>?ref=<code>`. Meta sends the ref back when the customer's
 * Instagram opens the chat, which links the two (detectInstagramReferral). Same invite rows, codes,
 * states, audit and thread items as the WhatsApp invite, with direction `to_instagram`.
 */
export async function sendInstagramLink(ctx: AppContext, input: SendInstagramLinkInput): Promise<SendInstagramLinkResult> {
  // What can be refused without Meta is refused first: a wrong id is a 404 even while Meta is away.
  const instagram = await checkLinkable(ctx.store.repos, input);
  // The business's username is Meta's to know (it can be renamed): asked before the transaction,
  // so no database lock waits on the network.
  const businessUsername = await instagramUsername(ctx, instagram);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const conversation = await repos.conversations.get(input.workspaceId, input.conversationId);
    if (!conversation) throw notFound('conversation_not_found', 'This conversation does not exist in this workspace.');
    const windowClosed = replyWindowError('whatsapp', conversation.lastInboundAt, now);
    if (windowClosed) throw windowClosed;
    const identity = await lockedIdentity(repos, input.workspaceId, conversation.identityId);
    if (!identity) throw notFound('conversation_not_found', 'This conversation has no customer.');
    const onInstagram = (await repos.identities.forContacts([identity.contactId])).find((i) => i.kind === 'instagram');
    if (onInstagram) {
      throw conflict('contact_has_instagram', 'This customer is already connected on Instagram. Switch the composer to Instagram to write to them there.', {
        instagramIdentityId: onInstagram.id,
      });
    }

    const { invite, code, superseded } = await openInvite(repos, { conversation, identity, direction: 'to_instagram', actorId: input.actorId, now });
    const open = (url: string) => ({ kind: 'buttons' as const, text: INSTAGRAM_LINK_TEXT, buttons: [{ type: 'web_url' as const, title: OPEN_INSTAGRAM_TITLE, url }] });
    const message = await queueOutboundMessage(repos, {
      conversation,
      content: open(buildIgMeUrl(businessUsername, code)),
      // Once sent, the stored copy keeps the link without its code: only the hash stays.
      onceSent: open(`https://ig.me/m/${businessUsername.replace(/^@+/, '')}`),
      sentBy: input.actorId ? 'agent' : 'automation',
      authorId: input.actorId,
      now,
      meta: { inviteId: invite.id },
    });
    const item = await recordInviteSent(repos, { invite, conversation, itemText: 'Instagram link sent', superseded, actorId: input.actorId, now });
    return { invite, item, message, superseded };
  });
}

async function checkLinkable(repos: Repositories, input: SendInstagramLinkInput): Promise<Channel> {
  const conversation = await repos.conversations.get(input.workspaceId, input.conversationId);
  if (!conversation) throw notFound('conversation_not_found', 'This conversation does not exist in this workspace.');
  if (conversation.kind !== 'whatsapp') {
    throw conflict('instagram_link_needs_whatsapp', 'An Instagram link is sent from a WhatsApp conversation. Open the customer’s WhatsApp chat to send it.');
  }
  const instagram = await repos.channels.findByKind(input.workspaceId, 'instagram');
  if (!instagram) {
    throw conflict('instagram_not_configured', 'No Instagram account is connected, so the link would open nothing. Ask an admin to connect Instagram first.');
  }
  return instagram;
}

/** The username Meta gave when the account was connected in Settings, or Meta's answer now. */
async function instagramUsername(ctx: AppContext, instagram: Channel): Promise<string> {
  if (instagram.details.username) return instagram.details.username;
  try {
    const profile = await ctx.graph.instagram.getProfile('me');
    if (profile.username) return profile.username;
  } catch (error) {
    ctx.logger.warn({ err: error }, 'the Instagram account’s username could not be read');
  }
  // Not a 5xx: Braid is fine, the link just cannot be made until Meta answers.
  throw conflict(
    'instagram_username_unavailable',
    'Braid could not read the Instagram account’s username from Meta, so the link cannot be made. Try again in a moment, or ask an admin to check the Instagram connection.',
  );
}
