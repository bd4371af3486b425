import { z } from 'zod';
import type { AppContext } from '../context';
import { detectInviteCode } from '../usecases/invites/detectInviteCode';
import { JOB } from './kinds';
import { PermanentJobError, type JobHandlers } from './worker';

const detectPayload = z.object({ messageId: z.string().min(1) });

/** The invite-code job: every new inbound WhatsApp text is checked for a code (and usually has none). */
export function mergeJobHandlers(ctx: AppContext): JobHandlers {
  return {
    [JOB.detectInviteCode]: async (job) => {
      const parsed = detectPayload.safeParse(job.payload);
      // A malformed payload can never succeed: fail it without retries.
      if (!parsed.success) throw new PermanentJobError(`invalid job payload: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
      const result = await detectInviteCode(ctx, parsed.data);
      if (result.outcome !== 'ignored') ctx.logger.info({ messageId: parsed.data.messageId, ...result }, 'invite code checked');
    },
  };
}
