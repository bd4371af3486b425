import { z } from 'zod';
import type { AppContext } from '../context';
import { detectInviteCode } from '../usecases/contactMerge/detectInviteCode';
import { expireInvite } from '../usecases/contactMerge/expireInvite';
import { JOB } from './kinds';
import { PermanentJobError, type JobHandlers } from './worker';

const detectPayload = z.object({ messageId: z.string().min(1) });
const expirePayload = z.object({ inviteId: z.string().min(1), workspaceId: z.string().min(1) });

/** The invite jobs: every new inbound WhatsApp text is checked for a code; an unused invite expires on time. */
export function mergeJobHandlers(ctx: AppContext): JobHandlers {
  return {
    [JOB.detectInviteCode]: async (job) => {
      const payload = parsePayload(detectPayload, job.payload);
      const result = await detectInviteCode(ctx, payload);
      if (result.outcome !== 'ignored') ctx.logger.info({ messageId: payload.messageId, ...result }, 'invite code checked');
    },
    [JOB.expireInvite]: async (job) => {
      await expireInvite(ctx, parsePayload(expirePayload, job.payload));
    },
  };
}

function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  // A malformed payload can never succeed: fail it without retries.
  if (!parsed.success) throw new PermanentJobError(`invalid job payload: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
  return parsed.data;
}
