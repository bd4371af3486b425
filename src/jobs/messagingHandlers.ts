import type { AppContext } from '../context';
import type { StatusEvent } from '../channels/events';
import { applyLateDeliveryStatus } from '../usecases/ingest/applyLateDeliveryStatus';
import { fetchCustomerProfile } from '../usecases/ingest/fetchCustomerProfile';
import { applyLateStatusJob, fetchProfileJob } from '../usecases/ingest/jobs';
import { resumeChannelSendsJob } from '../usecases/channels/jobs';
import { sendWaitingMessages } from '../usecases/channels/sendWaitingMessages';
import { sendMessageJob } from '../usecases/messages/jobs';
import { SentButNotRecordedError, sendOutboundMessage } from '../usecases/messages/sendOutboundMessage';
import { handle } from './handle';
import { PermanentJobError, type JobHandlers } from './worker';

/**
 * The channel jobs: sending an outbound row, fetching an Instagram customer's profile, and
 * applying a status that arrived before its message was known.
 */
export function messagingJobHandlers(ctx: AppContext): JobHandlers {
  return {
    ...handle(sendMessageJob, async (payload, job) => {
      const result = await sendOutboundMessage(ctx, { messageId: payload.messageId, lastAttempt: job.attempts >= job.maxAttempts }).catch((error) => {
        if (error instanceof SentButNotRecordedError) throw new PermanentJobError(error.message);
        throw error;
      });
      // The row already says why; failing the job too keeps the queue's own record truthful.
      if (result.outcome === 'failed') throw new PermanentJobError(`Meta refused the send (${result.code}): ${result.title}`);
    }),
    ...handle(resumeChannelSendsJob, async (payload) => {
      await sendWaitingMessages(ctx, payload).catch((error) => {
        if (error instanceof SentButNotRecordedError) throw new PermanentJobError(error.message);
        throw error;
      });
    }),
    ...handle(fetchProfileJob, async (payload) => {
      await fetchCustomerProfile(ctx, payload);
    }),
    ...handle(applyLateStatusJob, async (payload) => {
      await applyLateDeliveryStatus(ctx, { ...payload, event: payload.event as unknown as StatusEvent });
    }),
  };
}
