import { newId } from '../../domain/ids';
import type { AuditEntry } from '../../store/repositories/audit';
import type { Conversation } from '../../store/repositories/conversations';
import type { Message } from '../../store/repositories/messages';
import type { Repositories } from '../../store/store';

/** Who did something, as the audit log records it. */
export interface Actor {
  type: AuditEntry['actorType'];
  id: string | null;
}

export type SystemItemType = 'note' | 'invite' | 'merge_request' | 'merge' | 'unmerge';

/**
 * A system item in a thread: not sent to anyone, shown to agents between the messages (the
 * invite with its state, a merge request with its buttons, a note about a bad code). Written in
 * the caller's transaction with its realtime event, so the thread and the event agree.
 */
export async function addSystemItem(
  repos: Repositories,
  conversation: Conversation,
  item: { type: SystemItemType; text: string; payload: Record<string, unknown>; authorId?: string | null },
  now: number,
): Promise<Message> {
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
    sentBy: 'system',
    platformTs: now,
    createdAt: now,
  };
  await repos.messages.insert(message);
  await repos.events.record(conversation.workspaceId, 'message.created', { conversationId: conversation.id, messageId: message.id }, now);
  return message;
}

/** Updates the state shown on a system item (invite, merge request) and tells open threads. */
export async function updateSystemItem(
  repos: Repositories,
  workspaceId: string,
  messageId: string | null,
  patch: Record<string, unknown>,
  now: number,
): Promise<void> {
  if (!messageId) return;
  const message = await repos.messages.get(workspaceId, messageId);
  if (!message) return;
  await repos.messages.updatePayload(message.id, { payload: { ...message.payload, ...patch } });
  await repos.events.record(workspaceId, 'message.updated', { conversationId: message.conversationId, messageId: message.id }, now);
}
