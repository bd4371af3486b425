import { newId } from '../../domain/shared/ids';
import type { JobState } from '../schema';
import type { RepositoryContext } from './context';

export interface NewJob {
  kind: string;
  payload: unknown;
  /** Idempotency key: enqueueing a second job with the same key does nothing. */
  key?: string;
  runAt?: number;
  maxAttempts?: number;
}

export interface Job {
  id: string;
  kind: string;
  payload: unknown;
  key: string | null;
  state: JobState;
  runAt: number;
  attempts: number;
  maxAttempts: number;
  lockedUntil: number | null;
  lockedBy: string | null;
  lastError: string | null;
}

/**
 * The job queue's rows. Jobs are written in the transaction of the change that causes them
 * (an outbox), so a commit never loses its side effects and a rollback never runs them.
 */
export class JobsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async enqueue(job: NewJob, now: number): Promise<void> {
    const values = {
      id: newId(),
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      key: job.key ?? null,
      state: 'queued' as const,
      run_at: job.runAt ?? now,
      attempts: 0,
      max_attempts: job.maxAttempts ?? 8,
      created_at: now,
      updated_at: now,
    };
    const result = await this.ctx.db
      .insertInto('jobs')
      .values(values)
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) this.ctx.afterCommit.jobEnqueued();
  }

  /**
   * Claims up to `limit` due jobs for one worker: queued jobs whose time has come, and running
   * jobs whose lease ran out (their worker died). PostgreSQL skips rows other workers hold;
   * SQLite has a single writer, so the update itself is the claim.
   */
  async claimDue(workerId: string, now: number, leaseMs: number, limit: number): Promise<Job[]> {
    const { db, dialect } = this.ctx;
    const due = db
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .orderBy('id')
      .limit(limit)
      .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
    const rows = await db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        locked_by: workerId,
        locked_until: now + leaseMs,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return rows.map(toJob);
  }

  async complete(id: string, workerId: string, now: number): Promise<void> {
    await this.ctx.db
      .updateTable('jobs')
      .set({ state: 'done', locked_by: null, locked_until: null, last_error: null, updated_at: now })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  async retryLater(id: string, workerId: string, error: string, runAt: number, now: number): Promise<void> {
    await this.ctx.db
      .updateTable('jobs')
      .set({ state: 'queued', run_at: runAt, locked_by: null, locked_until: null, last_error: error, updated_at: now })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  async fail(id: string, workerId: string, error: string, now: number): Promise<void> {
    await this.ctx.db
      .updateTable('jobs')
      .set({ state: 'failed', locked_by: null, locked_until: null, last_error: error, updated_at: now })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  async get(id: string): Promise<Job | undefined> {
    const row = await this.ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  async list(filter: { kind?: string; state?: JobState } = {}): Promise<Job[]> {
    const rows = await this.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .$if(filter.kind !== undefined, (qb) => qb.where('kind', '=', filter.kind!))
      .$if(filter.state !== undefined, (qb) => qb.where('state', '=', filter.state!))
      .orderBy('created_at')
      .execute();
    return rows.map(toJob);
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.ctx.db
      .selectFrom('jobs')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  async nextRunAt(): Promise<number | null> {
    const row = await this.ctx.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('run_at').as('at'))
      .where('state', '=', 'queued')
      .executeTakeFirst();
    return row?.at == null ? null : Number(row.at);
  }
}

function toJob(r: {
  id: string; kind: string; payload: string; key: string | null; state: JobState; run_at: number;
  attempts: number; max_attempts: number; locked_until: number | null; locked_by: string | null; last_error: string | null;
}): Job {
  return {
    id: r.id,
    kind: r.kind,
    payload: JSON.parse(r.payload),
    key: r.key,
    state: r.state,
    runAt: Number(r.run_at),
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lockedUntil: r.locked_until,
    lockedBy: r.locked_by,
    lastError: r.last_error,
  };
}
