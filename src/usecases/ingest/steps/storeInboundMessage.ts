import type { MessageEvent } from '../../../channels/events';
import { matchAutomationJob } from '../../automations/jobs';
import { notMeAnswerOf, parseNotMePayload } from '../../../domain/contactMerge/inviteSafety';
import { detectInstagramReferralJob, detectInviteCodeJob, disputeMergeJob } from '../../contactMerge/jobs';
import { sealReferral } from './sealReferral';
import { ensureCustomerThread } from './ensureCustomerThread';
import { cleanText, type IngestScope, previewOf } from './ingestScope';
import { newMessage } from '../../messages/steps/newMessage';
import { registerInboundMedia } from '../../media/steps/registerInboundMedia';

/**
 * Stores a customer's message, or an Instagram echo of a message the business sent.
 *
 * Redeliveries are dropped by the unique (channel, external id) index, so the jobs and realtime
 * events below are written exactly once per message however often Meta delivers it.
 */
export async function storeInboundMessage(scope: IngestScope, event: MessageEvent): Promise<void> {
  const thread = await ensureCustomerThread(scope, event.customer);
  if (!thread) {
    scope.tally.rejected.push(`${event.eventKey}: the sender has no id`);
    return;
  }
  const { repos, channel, now } = scope;
  const { conversation } = thread;
  const isEcho = event.direction === 'echo';
  const text = cleanText(event.text);
  const sealed = channel.kind === 'instagram' && !isEcho ? sealReferral(event.payload.referral) : null;

  if (isEcho && (await isOwnSendInFlight(scope, conversation.id, event.externalId, text))) {
    scope.tally.duplicates += 1;
    return;
  }

  const message = newMessage(
    conversation,
    {
      // An echo Braid did not send was written in the Instagram app: it is the business speaking.
      direction: isEcho ? 'outbound' : 'inbound',
      externalId: event.externalId,
      type: event.messageType,
      text,
      payload: { ...event.payload, ...(sealed && { referral: sealed.referral }) },
      status: isEcho ? 'sent' : 'received',
      sentBy: isEcho ? 'business_app' : 'customer',
      platformTs: event.timestamp,
    },
    now,
  );
  if (!(await repos.messages.insertIfNew(message))) {
    scope.tally.duplicates += 1;
    return;
  }
  scope.tally.stored += 1;
  await repos.conversations.recordMessage(conversation.id, {
    at: event.timestamp,
    preview: previewOf(text, event.messageType),
    inbound: !isEcho,
    countsAsUnread: !isEcho,
  });
  await repos.events.record(channel.workspaceId, 'message.created', { conversationId: conversation.id, messageId: message.id }, now);
  scope.tally.touchedConversations.set(conversation.id, channel.workspaceId);
  if (isEcho) return;

  await registerInboundMedia(repos, message, event.payload.attachments, now);
  await repos.jobs.enqueue(matchAutomationJob.of({ messageId: message.id }, { key: `automation.match:${message.id}` }), now);
  if (channel.kind === 'whatsapp' && text) {
    await repos.jobs.enqueue(detectInviteCodeJob.of({ messageId: message.id }, { key: `invite.detect:${message.id}` }), now);
  }
  if (sealed) {
    await repos.jobs.enqueue(detectInstagramReferralJob.of({ messageId: message.id }, { key: `invite.referral:${message.id}` }), now);
  }
  if (parseNotMePayload(notMeAnswerOf(event.payload))) {
    await repos.jobs.enqueue(disputeMergeJob.of({ messageId: message.id }, { key: `merge.dispute:${message.id}` }), now);
  }
}

/**
 * True when the echo is of a message Braid itself sent. Usually the send job has stored the mid
 * already; but Meta may deliver the echo before the send call returns, so a pending row with the
 * same content also counts (the send job then stores the mid on that row).
 */
async function isOwnSendInFlight(scope: IngestScope, conversationId: string, mid: string, text: string | null): Promise<boolean> {
  if (await scope.repos.messages.findByExternalId(scope.channel.id, mid)) return true;
  return Boolean(await scope.repos.messages.findPendingOutbound(conversationId, text));
}
