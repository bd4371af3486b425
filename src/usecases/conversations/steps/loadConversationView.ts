import { notFound } from '../../../domain/shared/errors';
import { agentReplyWindow, type ReplyWindow } from '../../../domain/messaging/replyWindow';
import type { Contact } from '../../../store/repositories/contacts';
import type { Conversation, ConversationListItem } from '../../../store/repositories/conversations';
import type { Identity } from '../../../store/repositories/identities';
import type { Repositories } from '../../../store/store';

/** A conversation with what the inbox shows beside it: customer, assignee, reply window. */
export interface ConversationView extends ConversationListItem {
  replyWindow: ReplyWindow;
}

export function withReplyWindow(item: ConversationListItem, now: number): ConversationView {
  return { ...item, replyWindow: agentReplyWindow(item.kind, item.lastInboundAt, now) };
}

/**
 * The conversation `id` of the workspace, or a 404. Another workspace's id answers exactly like
 * an id that does not exist, so ids never leak across workspaces.
 */
export async function requireConversation(repos: Repositories, workspaceId: string, id: string): Promise<Conversation> {
  const conversation = await repos.conversations.get(workspaceId, id);
  if (!conversation) throw notFound('conversation_not_found', 'There is no such conversation in your workspace.');
  return conversation;
}

export async function loadConversationView(repos: Repositories, conversation: Conversation, now: number): Promise<ConversationView & { identity: Identity; contact: Contact | undefined }> {
  const identity = await repos.identities.get(conversation.workspaceId, conversation.identityId);
  if (!identity) throw notFound('conversation_not_found', 'There is no such conversation in your workspace.');
  const contact = await repos.contacts.get(conversation.workspaceId, identity.contactId);
  const assignee = conversation.assigneeId ? await repos.users.get(conversation.workspaceId, conversation.assigneeId) : undefined;
  const item: ConversationListItem = {
    ...conversation,
    contactId: identity.contactId,
    contactName: contact?.name ?? null,
    username: identity.username,
    phone: identity.phone,
    externalId: identity.externalId,
    displayName: identity.displayName,
    assigneeName: assignee?.name ?? null,
  };
  return { ...withReplyWindow(item, now), identity, contact };
}
