import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import { type ConversationView, loadConversationView, requireConversation } from './steps/loadConversationView';

export interface AssignInput {
  workspaceId: string;
  actorId: string;
  conversationId: string;
  /** A user id of the workspace, or null to unassign. */
  assigneeId: string | null;
}

/** Puts the conversation on an agent's name (or nobody's), with an audit entry and a realtime event. */
export async function assignConversation(ctx: AppContext, input: AssignInput): Promise<ConversationView> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const conversation = await requireConversation(repos, input.workspaceId, input.conversationId);
    const assignee = input.assigneeId ? await repos.users.get(input.workspaceId, input.assigneeId) : null;
    if (input.assigneeId && (!assignee || assignee.disabledAt !== null)) {
      throw notFound('user_not_found', 'There is no active agent with that id in your workspace.');
    }
    await repos.conversations.assign(conversation.id, input.assigneeId);
    const { identity: _identity, contact: _contact, ...view } = await loadConversationView(
      repos,
      { ...conversation, assigneeId: input.assigneeId },
      now,
    );
    await repos.audit.append(
      {
        workspaceId: input.workspaceId,
        actorType: 'user',
        actorId: input.actorId,
        action: 'conversation.assigned',
        subjectType: 'conversation',
        subjectId: conversation.id,
        contactId: view.contactId,
        data: { assigneeId: input.assigneeId, previousAssigneeId: conversation.assigneeId },
      },
      now,
    );
    await repos.events.record(
      input.workspaceId,
      'conversation.assigned',
      { conversationId: conversation.id, assigneeId: input.assigneeId, assigneeName: assignee?.name ?? null, by: input.actorId },
      now,
    );
    return view;
  });
}
