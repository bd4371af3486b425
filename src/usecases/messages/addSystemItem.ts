import { newId } from '../../domain/shared/ids';
import type { Conversation } from '../../store/repositories/conversations';
import type { Message } from '../../store/repositories/messages';
import type { Repositories } from '../../store/store';

export interface SystemItem {
  /** note, invite, merge_request, merge, unmerge, automation, … */
  type: string;
  text: string;
  payload: Record<string, unknown>;
  authorId?: string | null;
  /** Who the item speaks for: the system (merges, invites) or an automation. */
  sentBy?: 'system' | 'automation';
}

/**
 * A system item in a thread: not sent to anyone, shown to agents between the messages (an
 * invite with its state, a merge request with its buttons, an automation step, a note about a
 * bad code). Written in the caller's transaction with its realtime event, so the thread and the
 * event agree and a rolled-back change leaves no item behind.
 */
export async function addSystemItem(repos: Repositories, conversation: Conversation, item: SystemItem, now: number): Promise<Message> {
  const message: Message = {
    id: newId(),
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    channelId: conversation.channelId,
    kind: conversation.kind,
    direction: 'system',
    externalId: null,
    type: item.type,
    text: item.text,
    payload: item.payload,
    status: 'received',
    errorCode: null,
    errorTitle: null,
    authorId: item.authorId ?? null,
    sentBy: item.sentBy ?? 'system',
    platformTs: now,
    createdAt: now,
  };
  await repos.messages.insert(message);
  await repos.events.record(conversation.workspaceId, 'message.created', { conversationId: conversation.id, messageId: message.id }, now);
  return message;
}
