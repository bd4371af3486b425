import type { AuditEntry } from '../../../store/repositories/audit';
import type { Conversation } from '../../../store/repositories/conversations';
import type { Message } from '../../../store/repositories/messages';
import type { Repositories } from '../../../store/store';
import { newMessage } from './newMessage';

/** Who did something, as the audit log records it. */
export interface Actor {
  type: AuditEntry['actorType'];
  id: string | null;
}

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
  const message = newMessage(
    conversation,
    { direction: 'system', type: item.type, text: item.text, payload: item.payload, status: 'received', authorId: item.authorId, sentBy: item.sentBy ?? 'system' },
    now,
  );
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
