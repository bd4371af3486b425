import {
  DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
} from 'kysely';
import type { Dialect } from '../src/store/dialect';
import type { RepositoryContext } from '../src/store/repositories/context';
import type { DB } from '../src/store/schema';

/**
 * A repository context whose database only compiles: every statement's SQL for the dialect lands
 * in `sink`, and nothing runs. The SQL snapshots in src/store/queries are made with it, so a
 * change to a hot query shows in review on both dialects.
 */
export function compilingContext(dialect: Dialect, sink: string[]): RepositoryContext {
  const pg = dialect === 'postgres';
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => (pg ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => (pg ? new PostgresIntrospector(kysely) : new SqliteIntrospector(kysely)),
      createQueryCompiler: () => (pg ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
    log: (event) => {
      if (event.level === 'query') sink.push(`${event.query.sql};`);
    },
  });
  return { db, dialect, afterCommit: { event: () => undefined, jobEnqueued: () => undefined } };
}
