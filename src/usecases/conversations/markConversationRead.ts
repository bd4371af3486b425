import type { AppContext } from '../../context';
import { type ConversationView, loadConversationView, requireConversation } from './steps/loadConversationView';

export interface MarkReadInput {
  workspaceId: string;
  conversationId: string;
}

/** The agent has seen the thread: its unread count goes to zero in every open tab. */
export async function markConversationRead(ctx: AppContext, input: MarkReadInput): Promise<ConversationView> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const conversation = await requireConversation(repos, input.workspaceId, input.conversationId);
    if (conversation.unreadCount > 0) {
      await repos.conversations.markRead(conversation.id);
      await repos.events.record(input.workspaceId, 'conversation.updated', { conversationId: conversation.id }, now);
    }
    const { identity: _identity, contact: _contact, ...view } = await loadConversationView(repos, { ...conversation, unreadCount: 0 }, now);
    return view;
  });
}
