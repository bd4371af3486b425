import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect';
import type { DB } from '../schema';
import type { StoredEvent } from './events';

/**
 * What a repository needs besides the connection: the dialect (for row locks and
 * upserts) and a sink for side effects that must wait for the commit.
 */
export interface RepositoryContext {
  db: Kysely<DB>;
  dialect: Dialect;
  afterCommit: EffectSink;
}

/** Receives what a unit of work caused; inside a transaction it is held until the commit. */
export interface EffectSink {
  event(event: StoredEvent): void;
  jobEnqueued(): void;
}

export interface CommitEffects {
  events: StoredEvent[];
  jobsEnqueued: number;
}
