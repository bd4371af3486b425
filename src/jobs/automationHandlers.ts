import { z } from 'zod';
import type { AppContext } from '../context';
import { matchAutomation } from '../usecases/automations/matchAutomation';
import { runAutomationStep } from '../usecases/automations/runAutomationStep';
import { JOB } from './kinds';
import { PermanentJobError, RetryJobAt, type JobHandlers } from './worker';

const matchPayload = z.object({ messageId: z.string().min(1) });
const stepPayload = z.object({
  runId: z.string().min(1),
  stepIndex: z.number().int().min(0),
  seq: z.number().int().min(0).default(0),
  timeout: z.boolean().optional(),
});

function parse<T>(schema: z.ZodType<T>, payload: unknown, kind: string): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError(`${kind}: bad payload (${parsed.error.issues[0].message})`);
  return parsed.data;
}

/** The automation engine's jobs: match an inbound message, run one step of a run. */
export function automationJobHandlers(ctx: AppContext): JobHandlers {
  return {
    [JOB.matchAutomation]: async (job) => {
      await matchAutomation(ctx, parse(matchPayload, job.payload, job.kind));
    },
    [JOB.runAutomationStep]: async (job) => {
      const result = await runAutomationStep(ctx, parse(stepPayload, job.payload, job.kind));
      if (result === 'deferred') {
        // An earlier message of the conversation is still being sent. The first retries come at
        // once (the send usually finishes within the same worker pass); then they back off up to
        // 30 s, since a send Meta refused for now may be retried for minutes.
        const now = ctx.clock.now();
        const delay = job.attempts <= 3 ? 0 : Math.min(500 * 2 ** (job.attempts - 4), 30_000);
        throw new RetryJobAt(now + delay, 'waiting for the previous message to be sent');
      }
    },
  };
}
