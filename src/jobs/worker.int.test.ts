import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBraid, type TestBraid } from '../../test/harness';
import { openDatabase } from '../store/database';
import { createStore } from '../store/store';
import { createWorker, PermanentJobError, type JobHandlers } from './worker';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

const logger = pino({ level: 'silent' });
let n = 0;
const kind = (name: string) => `${name}-${n++}`;

function workerWith(handlers: JobHandlers, leaseMs = 60_000) {
  return createWorker({ store: braid.ctx.store, handlers, clock: braid.clock, logger, leaseMs });
}

describe('job queue', () => {
  it('runs a job written in a committed transaction, and never one from a rolled-back transaction', async () => {
    const k = kind('commit');
    const ran: string[] = [];
    await braid.ctx.store.transaction((repos) => repos.jobs.enqueue({ kind: k, payload: { n: 1 } }, braid.clock.now()));
    await braid.ctx.store
      .transaction(async (repos) => {
        await repos.jobs.enqueue({ kind: k, payload: { n: 2 } }, braid.clock.now());
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await workerWith({ [k]: async (job) => void ran.push(JSON.stringify(job.payload)) }).drain();
    expect(ran).toEqual(['{"n":1}']);
  });

  it('does not enqueue a second job with the same key', async () => {
    const k = kind('key');
    const now = braid.clock.now();
    await braid.ctx.store.repos.jobs.enqueue({ kind: k, payload: {}, key: `${k}:one` }, now);
    await braid.ctx.store.repos.jobs.enqueue({ kind: k, payload: {}, key: `${k}:one` }, now);
    expect(await braid.ctx.store.repos.jobs.list({ kind: k })).toHaveLength(1);
  });

  it('retries a failed job with backoff and keeps a job that keeps failing, with its last error', async () => {
    const k = kind('retry');
    let calls = 0;
    const worker = workerWith({
      [k]: async () => {
        calls += 1;
        if (calls < 3) throw new Error(`transient ${calls}`);
      },
    });
    await braid.ctx.store.repos.jobs.enqueue({ kind: k, payload: {}, maxAttempts: 5 }, braid.clock.now());
    await worker.drain();
    expect(calls).toBe(1);
    const [afterFirst] = await braid.ctx.store.repos.jobs.list({ kind: k });
    expect(afterFirst).toMatchObject({ state: 'queued', attempts: 1, lastError: 'transient 1' });
    expect(afterFirst.runAt).toBe(braid.clock.now() + 1000);
    braid.clock.advance(1000);
    await worker.drain();
    braid.clock.advance(2000);
    await worker.drain();
    expect(calls).toBe(3);
    expect((await braid.ctx.store.repos.jobs.list({ kind: k }))[0].state).toBe('done');

    const doomed = kind('doomed');
    const always = workerWith({ [doomed]: async () => { throw new Error('Meta said no'); } });
    await braid.ctx.store.repos.jobs.enqueue({ kind: doomed, payload: {}, maxAttempts: 2 }, braid.clock.now());
    await always.drain();
    braid.clock.advance(60_000);
    await always.drain();
    const [failed] = await braid.ctx.store.repos.jobs.list({ kind: doomed });
    expect(failed).toMatchObject({ state: 'failed', attempts: 2, lastError: 'Meta said no' });

    const permanent = kind('permanent');
    await braid.ctx.store.repos.jobs.enqueue({ kind: permanent, payload: {} }, braid.clock.now());
    await workerWith({ [permanent]: async () => { throw new PermanentJobError('invalid parameter'); } }).drain();
    expect((await braid.ctx.store.repos.jobs.list({ kind: permanent }))[0]).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('claims again a job whose worker died, once its lease has run out', async () => {
    const k = kind('crash');
    await braid.ctx.store.repos.jobs.enqueue({ kind: k, payload: {} }, braid.clock.now());
    // A worker claims the job and dies before finishing: nothing completes it.
    const claimed = await braid.ctx.store.transaction((repos) => repos.jobs.claimDue('dead-worker', braid.clock.now(), 30_000, 100));
    expect(claimed.map((j) => j.kind)).toContain(k);

    const ran: number[] = [];
    const survivor = workerWith({ [k]: async (job) => void ran.push(job.attempts) }, 30_000);
    await survivor.drain();
    expect(ran).toEqual([]);
    braid.clock.advance(30_001);
    await survivor.drain();
    expect(ran).toEqual([2]);
    expect((await braid.ctx.store.repos.jobs.list({ kind: k }))[0].state).toBe('done');
  });

  it('runs each job once when two workers claim at the same time', async () => {
    const k = kind('race');
    const runs = new Map<string, number>();
    const handler = async (job: { id: string }) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 2));
    };
    for (let i = 0; i < 60; i++) await braid.ctx.store.repos.jobs.enqueue({ kind: k, payload: { i } }, braid.clock.now());
    // On PostgreSQL the second worker has its own connection pool, as a second Braid process
    // would. SQLite has one writer connection per process (its driver blocks while it waits for
    // a lock), so there both workers share it and the single-writer claim keeps them apart.
    const otherStore =
      braid.dialect === 'postgres' ? createStore(await openDatabase(braid.ctx.config.storage)) : braid.ctx.store;
    const a = workerWith({ [k]: handler });
    const b = createWorker({ store: otherStore, handlers: { [k]: handler }, clock: braid.clock, logger, leaseMs: 60_000 });
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    if (otherStore !== braid.ctx.store) await otherStore.close();
    expect(runs.size).toBe(60);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });
});
