import type { AppContext } from '../context';
import { matchAutomationJob, runAutomationStepJob } from '../usecases/automations/jobs';
import { matchAutomation } from '../usecases/automations/matchAutomation';
import { runAutomationStep } from '../usecases/automations/runAutomationStep';
import { handle } from './handle';
import { RetryJobAt, type JobHandlers } from './worker';

/** The automation engine's jobs: match an inbound message, run one step of a run. */
export function automationJobHandlers(ctx: AppContext): JobHandlers {
  return {
    ...handle(matchAutomationJob, async (payload) => {
      await matchAutomation(ctx, payload);
    }),
    ...handle(runAutomationStepJob, async (payload, job) => {
      const result = await runAutomationStep(ctx, payload);
      if (result === 'deferred') {
        // An earlier message of the conversation is still being sent. The first retries come at
        // once (the send usually finishes within the same worker pass); then they back off up to
        // 30 s, since a send Meta refused for now may be retried for minutes.
        const now = ctx.clock.now();
        const delay = job.attempts <= 3 ? 0 : Math.min(500 * 2 ** (job.attempts - 4), 30_000);
        throw new RetryJobAt(now + delay, 'waiting for the previous message to be sent');
      }
    }),
  };
}
