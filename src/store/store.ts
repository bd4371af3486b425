import { type Kysely, sql } from 'kysely';
import { createCommitGroup } from './commitGroup';
import { type Dialect, dialectOf } from './dialect';
import { type StorageFailure, storageFailureOf } from './errors';
import type { CommitEffects, EffectSink } from './repositories/context';
import { createRepositories, type Repositories } from './repositories/index';
import type { DB } from './schema';

export type { Repositories } from './repositories/index';
export type { CommitEffects } from './repositories/context';
export type { StorageFailure } from './errors';

/**
 * The storage port. Use cases see repositories only; `transaction` runs a unit of work and,
 * once it has committed, hands its side effects (realtime events, new jobs) to the commit
 * listeners. A rolled-back transaction hands over nothing.
 */
export interface Store {
  readonly dialect: Dialect;
  /** Repositories outside a transaction (each statement commits on its own). */
  readonly repos: Repositories;
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /**
   * A transaction that may share its commit with others waiting at the same moment. SQLite has one
   * writer and syncs every commit, so concurrent units join one transaction and one disk sync (see
   * commitGroup.ts); PostgreSQL runs transactions in parallel, so each unit gets its own. A unit
   * may run twice from scratch (alone, after a shared attempt failed): it must only read and write
   * through the repositories it is given.
   */
  groupedTransaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** What kind of storage failure an error is (a unique key taken, the database down, …), or null. */
  failureOf(error: unknown): StorageFailure | null;
  onCommit(listener: CommitListener): void;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** For migrations, benchmarks and test set-up only; use cases never touch it. */
  readonly kysely: Kysely<DB>;
}

export type CommitListener = (effects: CommitEffects) => void;

export function createStore(db: Kysely<DB>): Store {
  const dialect = dialectOf(db);
  const listeners: CommitListener[] = [];
  const dispatch = (effects: CommitEffects) => {
    if (effects.events.length === 0 && effects.jobsEnqueued === 0) return;
    for (const listener of listeners) listener(effects);
  };
  const immediate: EffectSink = {
    event: (event) => dispatch({ events: [event], jobsEnqueued: 0 }),
    jobEnqueued: () => dispatch({ events: [], jobsEnqueued: 1 }),
  };

  async function transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    const effects: CommitEffects = { events: [], jobsEnqueued: 0 };
    const sink: EffectSink = {
      event: (event) => effects.events.push(event),
      jobEnqueued: () => (effects.jobsEnqueued += 1),
    };
    const result = await db.transaction().execute((trx) => work(createRepositories({ db: trx, dialect, afterCommit: sink })));
    dispatch(effects);
    return result;
  }
  const group = dialect === 'sqlite' ? createCommitGroup({ transaction }) : undefined;

  return {
    dialect,
    kysely: db,
    repos: createRepositories({ db, dialect, afterCommit: immediate }),
    transaction,
    groupedTransaction: (work) => (group ? group.run(work) : transaction(work)),
    failureOf: storageFailureOf,
    onCommit(listener) {
      listeners.push(listener);
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}
