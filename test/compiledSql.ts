import {
  DummyDriver, Kysely, NoResultError, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
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

/**
 * Adds one named section of compiled SQL to `sink`. Nothing runs, so every statement comes back
 * with no rows: a method that insists on a row (`executeTakeFirstOrThrow`) says so with Kysely's
 * NoResultError, which is expected here. Any other error fails the test, and so does a section
 * that compiled no statement at all.
 */
export function sqlSection(sink: string[]) {
  return async (name: string, work: () => Promise<unknown>): Promise<void> => {
    sink.push(`-- ${name}`);
    const before = sink.length;
    try {
      await work();
    } catch (error) {
      if (!(error instanceof NoResultError)) throw error;
    }
    if (sink.length === before) throw new Error(`section "${name}" compiled no SQL`);
    sink.push('');
  };
}
