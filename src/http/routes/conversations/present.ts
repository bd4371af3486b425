import type { MediaFile } from '../../../store/repositories/mediaFiles';
import type { Message } from '../../../store/repositories/messages';
import type { ConversationView } from '../../../usecases/conversations/steps/loadConversationView';
import { handleOf } from '../../../domain/shared/text';

/** How the inbox names a customer: contact name, then the profile name, then the handle, then the number. */
export function presentConversation(c: ConversationView) {
  const phone = c.phone ? `+${c.phone}` : null;
  return {
    id: c.id,
    channel: c.kind,
    /** The account (channel id) the conversation belongs to: replies go out through it. */
    accountId: c.channelId,
    status: c.status,
    contactId: c.contactId,
    customer: {
      name: c.contactName ?? c.displayName ?? (c.username ? handleOf(c.username) : null) ?? phone ?? 'Unknown customer',
      handle: c.username ? handleOf(c.username) : null,
      phone,
      externalId: c.externalId,
    },
    lastMessage: c.lastMessageAt === null ? null : { preview: c.lastMessagePreview, at: c.lastMessageAt },
    unreadCount: c.unreadCount,
    assignee: c.assigneeId ? { id: c.assigneeId, name: c.assigneeName } : null,
    lastMessageAt: c.lastMessageAt,
    lastInboundAt: c.lastInboundAt,
    replyWindow: c.replyWindow,
    createdAt: c.createdAt,
  };
}

/** A message's file: where to get it, or why it is not available (the agent can retry then). */
export function presentMediaFile(f: MediaFile) {
  return {
    id: f.id,
    kind: f.kind,
    state: f.state,
    contentType: f.contentType,
    size: f.size,
    filename: f.filename,
    failure: f.failure,
    url: f.state === 'stored' ? `/api/media/${f.id}` : null,
  };
}

export function presentMessage(m: Message, files: MediaFile[] = []) {
  const { raw: _raw, ...payload } = m.payload;
  return {
    id: m.id,
    conversationId: m.conversationId,
    channel: m.kind,
    direction: m.direction,
    type: m.type,
    text: m.text,
    status: m.status,
    error: m.errorCode ? { code: m.errorCode, title: m.errorTitle } : null,
    sentBy: m.sentBy,
    authorId: m.authorId,
    /** The platform's time: threads are ordered by it. */
    at: m.platformTs,
    createdAt: m.createdAt,
    payload,
    media: files.filter((f) => f.messageId === m.id).map(presentMediaFile),
  };
}
