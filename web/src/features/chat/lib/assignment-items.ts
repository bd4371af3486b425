import type { ChannelKind } from '../../../lib/channel-kind';
import type { AuditEvent } from '../../contacts';
import type { Message } from '../api/list-contact-timeline';

/**
 * Assignments are recorded in the contact's audit trail, not as thread items. They are
 * shown in the timeline as system lines at the time they happened, so the thread tells
 * who took the conversation (an agent, or an automation's round robin) and when.
 */
export function assignmentItems(
  events: AuditEvent[],
  channelOf: (conversationId: string) => ChannelKind | undefined,
  agentNames: Map<string, string>,
): Message[] {
  return events.flatMap((event) => {
    if (event.action !== 'conversation.assigned') return [];
    const channel = channelOf(event.subjectId);
    if (!channel) return [];
    const assigneeId = typeof event.data?.assigneeId === 'string' ? event.data.assigneeId : null;
    const assignee = assigneeId ? (agentNames.get(assigneeId) ?? 'an agent') : null;
    const by = event.actorType === 'automation' ? 'The automation' : event.actorId ? (agentNames.get(event.actorId) ?? 'An agent') : 'Braid';
    const text = assignee
      ? event.actorId && event.actorId === assigneeId
        ? `${by} assigned the conversation to themself.`
        : `${by} assigned the conversation to ${assignee}.`
      : `${by} unassigned the conversation.`;
    const item: Message = {
      id: `audit-${event.id}`,
      conversationId: event.subjectId,
      channel,
      direction: 'system',
      type: 'assignment',
      text,
      status: 'received',
      error: null,
      sentBy: 'system',
      authorId: event.actorId,
      at: event.createdAt,
      createdAt: event.createdAt,
      payload: {},
    };
    return [item];
  });
}
