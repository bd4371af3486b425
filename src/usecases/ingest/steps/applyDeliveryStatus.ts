import type { StatusEvent } from '../../../channels/events';
import { applyLateStatusJob } from '../jobs';
import type { IngestScope } from './ingestScope';

/** About half a minute of retries (1 + 2 + 4 + 8 + 16 s): longer than any send call takes. */
const LATE_STATUS_ATTEMPTS = 6;

/**
 * A WhatsApp status for a message the business sent. Statuses only move forward
 * (sent → delivered → read, `failed` ends the line), so a late `delivered` after `read` changes
 * nothing. A failure keeps Meta's code and its explanation for the agent.
 */
export async function applyDeliveryStatus(scope: IngestScope, event: StatusEvent): Promise<void> {
  const { repos, channel, now } = scope;
  const message = await repos.messages.findByExternalId(channel.id, event.externalId);
  if (!message) {
    scope.tally.unknownTargets.push(`status ${event.status} for unknown message ${event.externalId}`);
    if (!scope.lateStatus) {
      // Possibly our own send whose wamid is not stored yet: try again shortly, from a job.
      await repos.jobs.enqueue(
        applyLateStatusJob.of(
          { workspaceId: channel.workspaceId, channelId: channel.id, event: { ...event } },
          { key: `status:${channel.id}:${event.externalId}:${event.status}`, maxAttempts: LATE_STATUS_ATTEMPTS },
        ),
        now,
      );
    }
    return;
  }
  const error = event.status === 'failed' ? failureOf(event) : undefined;
  const moved = await repos.messages.advanceStatus(message.id, event.status, error);
  if (!moved) {
    scope.tally.duplicates += 1;
    return;
  }
  scope.tally.stored += 1;
  await repos.events.record(
    channel.workspaceId,
    'message.updated',
    { conversationId: message.conversationId, messageId: message.id, status: event.status },
    now,
  );
}

/** "Re-engagement message: Message failed to send because more than 24 hours have passed…" */
export function failureOf(event: Pick<StatusEvent, 'error'>): { code: string; title: string } {
  const e = event.error;
  const title = e?.title?.trim();
  const reason = (e?.details ?? e?.message)?.trim();
  const text = title && reason && reason !== title ? `${title}: ${reason}` : (title ?? reason ?? 'Meta reported the message as not delivered');
  return { code: e?.code === undefined ? 'unknown' : String(e.code), title: text.slice(0, 1000) };
}
