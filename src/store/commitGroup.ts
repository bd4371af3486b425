import type { Repositories } from './repositories/index';

/** What a group needs of the store: a way to run one transaction. */
export interface Transactor {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

/**
 * Group commit: units of work that arrive while a transaction is running wait for it, then run
 * together in the next transaction and share its single COMMIT (and its disk sync). Under load a
 * durable SQLite database then syncs once per group instead of once per webhook; with no load a
 * group holds one unit and nothing waits.
 *
 * A unit never pays for its neighbours: if the shared transaction fails, nothing of it was kept,
 * and each unit of the group is run again alone in its own transaction, so only a unit that fails
 * by itself fails. Units must therefore be safe to run twice from scratch (they are: they read
 * and write only inside the transaction they are given).
 */
export interface CommitGroup {
  run<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

interface Waiting {
  work: (repos: Repositories) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export function createCommitGroup(store: Transactor, maxUnits = 64): CommitGroup {
  const queue: Waiting[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        // Let the event loop turn first: the previous group's callers get their answers out, and
        // requests that arrived meanwhile are read and join this group.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const group = queue.splice(0, maxUnits);
        let results: unknown[] | undefined;
        try {
          results = await store.transaction(async (repos) => {
            const out: unknown[] = [];
            for (const unit of group) out.push(await unit.work(repos));
            return out;
          });
        } catch {
          results = undefined;
        }
        if (results) {
          group.forEach((unit, i) => unit.resolve(results![i]));
          continue;
        }
        for (const unit of group) {
          try {
            unit.resolve(await store.transaction((repos) => unit.work(repos)));
          } catch (error) {
            unit.reject(error);
          }
        }
      }
    } finally {
      draining = false;
    }
  }

  return {
    run<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (draining) return;
        void drain();
      });
    },
  };
}
