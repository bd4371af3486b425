import { type Kysely, PostgresAdapter } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function dialectOf(db: Kysely<any>): Dialect {
  return isPostgres(db) ? 'postgres' : 'sqlite';
}
