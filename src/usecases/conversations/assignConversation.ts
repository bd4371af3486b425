import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import { type ConversationView, loadConversationView, requireConversation } from './steps/loadConversationView';
import { recordAssignment } from './steps/recordAssignment';

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
    const { identity: _identity, contact: _contact, ...view } = await loadConversationView(
      repos,
      { ...conversation, assigneeId: input.assigneeId },
      now,
    );
    await recordAssignment(repos, {
      conversation,
      assignee: assignee ?? null,
      actor: { type: 'user', id: input.actorId },
      contactId: view.contactId,
      data: { previousAssigneeId: conversation.assigneeId },
      now,
    });
    return view;
  });
}
