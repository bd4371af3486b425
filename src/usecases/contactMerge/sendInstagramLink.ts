import type { AppContext } from '../../context';
import { conflict, notFound, unavailable } from '../../domain/shared/errors';
import { newId } from '../../domain/shared/ids';
import { buildIgMeUrl, generateInviteCode, hashInviteCode } from '../../domain/contactMerge/inviteCode';
import { replyWindowError } from '../../domain/messaging/replyWindow';
import type { Invite } from '../../store/repositories/invites';
import type { Message } from '../../store/repositories/messages';
import type { Repositories } from '../../store/store';
import { addSystemItem } from '../messages/steps/systemItems';
import { queueOutboundMessage } from '../messages/steps/queueOutboundMessage';
import { expireInviteJob } from './jobs';
import { inviteEvent, moveInvite } from './steps/moveInvite';

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
  // The business's username is Meta's to know (it can be renamed): asked before the transaction,
  // so no database lock waits on the network.
  const businessUsername = await instagramUsername(ctx);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const conversation = await repos.conversations.get(input.workspaceId, input.conversationId);
    if (!conversation) throw notFound('conversation_not_found', 'This conversation does not exist in this workspace.');
    if (conversation.kind !== 'whatsapp') {
      throw conflict('instagram_link_needs_whatsapp', 'An Instagram link is sent from a WhatsApp conversation. Open the customer’s WhatsApp chat to send it.');
    }
    if (!(await repos.channels.findByKind(input.workspaceId, 'instagram'))) {
      throw conflict('instagram_not_configured', 'No Instagram account is connected, so the link would open nothing. Ask an admin to connect Instagram first.');
    }
    const windowClosed = replyWindowError('whatsapp', conversation.lastInboundAt, now);
    if (windowClosed) throw windowClosed;
    const identity = await repos.identities.get(input.workspaceId, conversation.identityId);
    if (!identity) throw notFound('conversation_not_found', 'This conversation has no customer.');
    const onInstagram = (await repos.identities.forContacts([identity.contactId])).find((i) => i.kind === 'instagram');
    if (onInstagram) {
      throw conflict('contact_has_instagram', 'This customer is already connected on Instagram. Switch the composer to Instagram to write to them there.', {
        instagramIdentityId: onInstagram.id,
      });
    }

    const superseded = await supersedeLiveLinks(repos, identity.id, input.actorId, now);
    const { settings } = (await repos.workspaces.get(input.workspaceId))!;
    const code = generateInviteCode();
    const invite: Invite = {
      id: newId(),
      workspaceId: input.workspaceId,
      direction: 'to_instagram',
      contactId: identity.contactId,
      conversationId: conversation.id,
      originIdentityId: identity.id,
      igIdentityId: null,
      codeHash: hashInviteCode(code),
      state: 'sent',
      createdBy: input.actorId,
      createdAt: now,
      expiresAt: now + settings.inviteExpiryHours * 60 * 60 * 1000,
      connectedAt: null,
      waIdentityId: identity.id,
      waConversationId: conversation.id,
      igConversationId: null,
      messageId: null,
    };
    await repos.invites.create(invite);
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
    const item = await addSystemItem(
      repos,
      conversation,
      {
        type: 'invite',
        text: 'Instagram link sent',
        payload: { inviteId: invite.id, direction: invite.direction, state: 'sent', expiresAt: invite.expiresAt },
        authorId: input.actorId,
      },
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
        data: { how: 'invite', direction: invite.direction, conversationId: conversation.id, expiresAt: invite.expiresAt, superseded },
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

async function instagramUsername(ctx: AppContext): Promise<string> {
  try {
    const profile = await ctx.graph.instagram.getProfile('me');
    if (profile.username) return profile.username;
  } catch (error) {
    ctx.logger.warn({ err: error }, 'the Instagram account’s username could not be read');
  }
  throw unavailable(
    'instagram_username_unavailable',
    'Braid could not read the Instagram account’s username from Meta, so the link cannot be made. Try again in a moment, or ask an admin to check the Instagram connection.',
  );
}

/** One live link per WhatsApp identity: older ones stop working the moment a new one is sent. */
async function supersedeLiveLinks(repos: Repositories, waIdentityId: string, actorId: string | null, now: number): Promise<string[]> {
  const superseded: string[] = [];
  const actor = { type: actorId ? ('user' as const) : ('automation' as const), id: actorId };
  for (const old of await repos.invites.liveForIdentity(waIdentityId, 'to_instagram')) {
    if (old.expiresAt <= now) await moveInvite(repos, old, ['sent'], 'expired', { actor: { type: 'system', id: null }, now });
    else if (await moveInvite(repos, old, ['sent'], 'superseded', { actor, now })) superseded.push(old.id);
  }
  return superseded;
}
