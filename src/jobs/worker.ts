import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../domain/shared/clock';
import type { Job } from '../store/repositories/jobs';
import type { Store } from '../store/store';

/** A handler throws `PermanentJobError` to stop retrying; any other error is retried with backoff. */
export class PermanentJobError extends Error {}

/** A handler throws `RetryJobAt` to be run again at a given time without counting it as a failure. */
export class RetryJobAt extends Error {
  constructor(readonly runAt: number, message = 'rescheduled') {
    super(message);
  }
}

export type JobHandler = (job: Job) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export interface WorkerOptions {
  store: Store;
  handlers: JobHandlers;
  clock: Clock;
  logger: Logger;
  /** A claimed job whose worker died is claimed again once its lease runs out. */
  leaseMs?: number;
  pollMs?: number;
  concurrency?: number;
  onJobFinished?: (job: Job, outcome: 'done' | 'retry' | 'failed') => void;
}

export interface Worker {
  readonly id: string;
  start(): void;
  /** Runs every due job now (tests and the commit hook use it); resolves when the pass is done. */
  drain(): Promise<number>;
  wake(): void;
  stop(): Promise<void>;
}

export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), 15 * 60 * 1000);
}

export function createWorker(options: WorkerOptions): Worker {
  const { store, handlers, clock, logger } = options;
  const id = `worker-${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 5 * 60 * 1000;
  const pollMs = options.pollMs ?? 500;
  const concurrency = options.concurrency ?? 4;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  let wakeAgain = false;

  async function runOne(job: Job): Promise<void> {
    const handler = handlers[job.kind];
    const now = () => clock.now();
    try {
      if (!handler) throw new PermanentJobError(`no handler for job kind "${job.kind}"`);
      await handler(job);
      await store.repos.jobs.complete(job.id, id, now());
      options.onJobFinished?.(job, 'done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof RetryJobAt) {
        await store.repos.jobs.retryLater(job.id, id, message, error.runAt, now());
        options.onJobFinished?.(job, 'retry');
      } else if (error instanceof PermanentJobError || job.attempts >= job.maxAttempts) {
        logger.warn({ job: job.id, kind: job.kind, attempts: job.attempts, err: message }, 'job failed');
        await store.repos.jobs.fail(job.id, id, message, now());
        options.onJobFinished?.(job, 'failed');
      } else {
        logger.info({ job: job.id, kind: job.kind, attempts: job.attempts, err: message }, 'job will be retried');
        await store.repos.jobs.retryLater(job.id, id, message, now() + backoffMs(job.attempts), now());
        options.onJobFinished?.(job, 'retry');
      }
    }
  }

  async function pass(): Promise<number> {
    let total = 0;
    for (;;) {
      wakeAgain = false;
      const jobs = await store.transaction((repos) => repos.jobs.claimDue(id, clock.now(), leaseMs, concurrency));
      if (jobs.length === 0 && !wakeAgain) return total;
      await Promise.all(jobs.map(runOne));
      total += jobs.length;
    }
  }

  function drain(): Promise<number> {
    if (running) {
      wakeAgain = true;
      return running;
    }
    running = pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      drain()
        .catch((error) => logger.error({ err: error }, 'job worker pass failed'))
        .finally(schedule);
    }, pollMs);
  }

  // A job committed by this process runs at once instead of waiting for the next poll.
  store.onCommit((effects) => {
    if (effects.jobsEnqueued) wake();
  });
  function wake() {
    if (!stopped) void drain().catch((error) => logger.error({ err: error }, 'job worker pass failed'));
  }

  return {
    id,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    drain,
    wake,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
