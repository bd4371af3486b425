import { type OutboundContent, outboundPreview } from '../../../domain/messaging/outbound';
import { sendMessageJob } from '../jobs';
import type { Conversation } from '../../../store/repositories/conversations';
import type { Message } from '../../../store/repositories/messages';
import type { Repositories } from '../../../store/store';
import { newMessage } from './newMessage';

export interface QueueOutboundInput {
  conversation: Conversation;
  content: OutboundContent;
  /** agent | automation | system */
  sentBy: 'agent' | 'automation' | 'system';
  authorId: string | null;
  now: number;
  /** Extra payload kept on the row (e.g. { inviteId }, { automationRunId }). */
  meta?: Record<string, unknown>;
  /**
   * What the row shows once Meta has the message, when `content` carries a secret for the customer
   * alone (an invite code, a Not me token): until the send succeeds the row needs it to send (and
   * to retry); after, the thread keeps only this.
   */
  onceSent?: OutboundContent;
}

/**
 * Writes an outbound message as `pending` plus its send job, inside the caller's transaction.
 * The job is keyed by the message id, so a retried job or a replayed request never sends twice.
 * Callers check the reply window first; the send job reports what Meta says.
 */
export async function queueOutboundMessage(repos: Repositories, input: QueueOutboundInput): Promise<Message> {
  const { conversation, content, now } = input;
  const message = newMessage(
    conversation,
    {
      direction: 'outbound',
      type: content.kind,
      text: outboundPreview(content),
      payload: { outbound: content, ...input.meta, ...(input.onceSent && { outboundOnceSent: input.onceSent }) },
      status: 'pending',
      authorId: input.authorId,
      sentBy: input.sentBy,
    },
    now,
  );
  await repos.messages.insert(message);
  await repos.conversations.recordMessage(conversation.id, { at: now, preview: message.text, inbound: false, countsAsUnread: false });
  await repos.jobs.enqueue(sendMessageJob.of({ messageId: message.id }, { key: `send:${message.id}` }), now);
  await repos.events.record(conversation.workspaceId, 'message.created', { conversationId: conversation.id, messageId: message.id }, now);
  return message;
}
