import { CHANNEL_NAME, type ChannelKind } from '../../../domain/shared/channelKind';
import { conflict } from '../../../domain/shared/errors';
import type { Conversation } from '../../../store/repositories/conversations';
import type { Repositories } from '../../../store/store';

/** The conversation of the contact's identity on `channel`; the most recently active one if several. */
export async function siblingOn(repos: Repositories, conversation: Conversation, channel: ChannelKind): Promise<Conversation> {
  const identity = await repos.identities.get(conversation.workspaceId, conversation.identityId);
  const identities = identity ? await repos.identities.forContacts([identity.contactId]) : [];
  const candidates = await repos.conversations.forIdentities(identities.filter((i) => i.kind === channel).map((i) => i.id));
  const best = candidates.sort((a, b) => (b.lastInboundAt ?? 0) - (a.lastInboundAt ?? 0))[0];
  if (!best) {
    throw conflict(
      'channel_not_linked',
      `This customer has no ${CHANNEL_NAME[channel]} account linked to their contact yet. ` +
        (channel === 'whatsapp' ? 'Send a WhatsApp invite first.' : 'Reply on the channel they wrote from.'),
      { channel },
    );
  }
  return best;
}

