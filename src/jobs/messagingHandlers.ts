import { z } from 'zod';
import type { AppContext } from '../context';
import type { StatusEvent } from '../channels/events';
import { applyLateDeliveryStatus } from '../usecases/ingest/applyLateDeliveryStatus';
import { fetchCustomerProfile } from '../usecases/ingest/fetchCustomerProfile';
import { SentButNotRecordedError, sendOutboundMessage } from '../usecases/messages/sendOutboundMessage';
import { JOB } from './kinds';
import { PermanentJobError, type JobHandlers } from './worker';

const sendPayload = z.object({ messageId: z.string().min(1) });
const profilePayload = z.object({ identityId: z.string().min(1) });
const lateStatusPayload = z.object({
  workspaceId: z.string().min(1),
  channelId: z.string().min(1),
  // Written by the ingest from an already-parsed event; only its shape is re-checked here.
  event: z.looseObject({ kind: z.literal('status'), externalId: z.string().min(1), status: z.enum(['sent', 'delivered', 'read', 'failed']) }),
});

/**
 * The channel jobs: sending an outbound row, fetching an Instagram customer's profile, and
 * applying a status that arrived before its message was known.
 * Payloads are checked here; a malformed one can never succeed, so it fails without retries.
 */
export function messagingJobHandlers(ctx: AppContext): JobHandlers {
  return {
    [JOB.sendMessage]: async (job) => {
      const payload = parsePayload(sendPayload, job.payload);
      const result = await sendOutboundMessage(ctx, { messageId: payload.messageId, lastAttempt: job.attempts >= job.maxAttempts }).catch((error) => {
        if (error instanceof SentButNotRecordedError) throw new PermanentJobError(error.message);
        throw error;
      });
      // The row already says why; failing the job too keeps the queue's own record truthful.
      if (result.outcome === 'failed') throw new PermanentJobError(`Meta refused the send (${result.code}): ${result.title}`);
    },
    [JOB.fetchProfile]: async (job) => {
      await fetchCustomerProfile(ctx, parsePayload(profilePayload, job.payload));
    },
    [JOB.applyLateStatus]: async (job) => {
      const payload = parsePayload(lateStatusPayload, job.payload);
      await applyLateDeliveryStatus(ctx, { ...payload, event: payload.event as unknown as StatusEvent });
    },
  };
}

function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError(`invalid job payload: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
  return parsed.data;
}
