import { z } from 'zod';
import type { AppContext } from '../context';
import { fetchCustomerProfile } from '../usecases/ingest/fetchCustomerProfile';
import { sendOutboundMessage } from '../usecases/messages/sendOutboundMessage';
import { JOB } from './kinds';
import { PermanentJobError, type JobHandlers } from './worker';

const sendPayload = z.object({ messageId: z.string().min(1) });
const profilePayload = z.object({ identityId: z.string().min(1) });

/**
 * The channel jobs: sending an outbound row, and fetching an Instagram customer's profile.
 * Payloads are checked here; a malformed one can never succeed, so it fails without retries.
 */
export function messagingJobHandlers(ctx: AppContext): JobHandlers {
  return {
    [JOB.sendMessage]: async (job) => {
      const payload = parsePayload(sendPayload, job.payload);
      const result = await sendOutboundMessage(ctx, { messageId: payload.messageId, lastAttempt: job.attempts >= job.maxAttempts });
      // The row already says why; failing the job too keeps the queue's own record truthful.
      if (result.outcome === 'failed') throw new PermanentJobError(`Meta refused the send (${result.code}): ${result.title}`);
    },
    [JOB.fetchProfile]: async (job) => {
      await fetchCustomerProfile(ctx, parsePayload(profilePayload, job.payload));
    },
  };
}

function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError(`invalid job payload: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
  return parsed.data;
}
