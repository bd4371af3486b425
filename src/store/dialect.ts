import { type Kysely, PostgresAdapter } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function dialectOf<DB>(db: Kysely<DB>): Dialect {
  return isPostgres(db) ? 'postgres' : 'sqlite';
}
