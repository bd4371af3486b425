import type { AutomationRun } from '../../../store/repositories/automationRuns';
import type { Repositories } from '../../../store/store';
import { runAutomationStepJob } from '../jobs';
import { publishRun } from './recordRunItem';

/** Thrown inside the transaction to roll back a step whose run moved on under it. */
export class StaleRun extends Error {}

/** Compare-and-set the run to its next position and write the job that continues it. */
export async function moveRun(
  repos: Repositories,
  run: AutomationRun,
  next: AutomationRun,
  job: { stepIndex: number; runAt: number; timeout?: boolean },
  now: number,
): Promise<void> {
  const moved = await repos.automationRuns.advance(run.id, run.seq, {
    seq: next.seq,
    stepIndex: next.stepIndex,
    waitingForReply: next.waitingForReply,
    waitingSince: next.waitingSince,
    waitingUntil: next.waitingUntil,
    replyMessageId: next.replyMessageId,
  });
  if (!moved) throw new StaleRun();
  await enqueueStep(repos, next, job, now);
  await publishRun(repos, next, now);
}

/** The job of a run's next step, keyed by run and seq: written once however often this is retried. */
export async function enqueueStep(
  repos: Repositories,
  run: AutomationRun,
  job: { stepIndex: number; runAt: number; timeout?: boolean },
  now: number,
): Promise<void> {
  await repos.jobs.enqueue(
    runAutomationStepJob.of(
      { runId: run.id, stepIndex: job.stepIndex, seq: run.seq, ...(job.timeout && { timeout: true }) },
      { key: `run:${run.id}:step:${run.seq}`, runAt: job.runAt, maxAttempts: 10 },
    ),
    now,
  );
}
