import type { z } from 'zod';
import type { Job } from '../store/repositories/jobs';
import type { JobKind } from '../usecases/jobKind';
import { PermanentJobError, type JobHandlers } from './worker';

/**
 * The handler of one kind: its payload is parsed with the kind's own schema first. A malformed
 * payload can never succeed, so it fails the job without retries.
 */
export function handle<Schema extends z.ZodType>(kind: JobKind<Schema>, run: (payload: z.output<Schema>, job: Job) => Promise<void>): JobHandlers {
  return {
    [kind.name]: async (job) => {
      const parsed = kind.payload.safeParse(job.payload);
      if (!parsed.success) throw new PermanentJobError(`${kind.name}: invalid job payload (${parsed.error.issues[0]?.message ?? 'unknown problem'})`);
      await run(parsed.data, job);
    },
  };
}
