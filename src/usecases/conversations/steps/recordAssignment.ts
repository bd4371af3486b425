import type { Conversation } from '../../../store/repositories/conversations';
import type { User } from '../../../store/repositories/users';
import type { Repositories } from '../../../store/store';
import type { Actor } from '../../messages/steps/systemItems';

/**
 * Puts a conversation on an agent's name (or nobody's) inside the caller's transaction, the one
 * way every assignment is kept: the row, an audit entry (the thread shows assignments from the
 * audit trail, at their time), and the realtime event open tabs react to.
 */
export async function recordAssignment(
  repos: Repositories,
  input: { conversation: Conversation; assignee: User | null; actor: Actor; contactId?: string | null; data?: Record<string, unknown>; now: number },
): Promise<void> {
  const { conversation, assignee, actor, now } = input;
  await repos.conversations.assign(conversation.id, assignee?.id ?? null);
  await repos.audit.append(
    {
      workspaceId: conversation.workspaceId,
      actorType: actor.type,
      actorId: actor.id,
      action: 'conversation.assigned',
      subjectType: 'conversation',
      subjectId: conversation.id,
      ...(input.contactId !== undefined && { contactId: input.contactId }),
      data: { assigneeId: assignee?.id ?? null, ...input.data },
    },
    now,
  );
  await repos.events.record(
    conversation.workspaceId,
    'conversation.assigned',
    { conversationId: conversation.id, assigneeId: assignee?.id ?? null, assigneeName: assignee?.name ?? null, by: actor.type === 'user' ? actor.id : null },
    now,
  );
}
