import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { StorageConfig } from '../config';
import type { DB } from './schema';
import { ReadWriteSqliteDialect } from './sqliteReadWrite';


export class StorageError extends Error {}

/** Opens the configured database. Fails with a message naming the cause (locked, read-only, unreachable). */
export async function openDatabase(storage: StorageConfig): Promise<Kysely<DB>> {
  if (storage.dialect === 'sqlite') return openSqlite(storage.path);
  return openPostgres(storage.url);
}

function openSqlite(file: string): Kysely<DB> {
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const database = new SQLite(file, { timeout: 5000 });
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    // Meta does not resend a webhook once it has its 200: an acknowledged delivery must survive a
    // power loss, so every commit is synced (concurrent webhooks share one sync, see commitGroup.ts).
    database.pragma('synchronous = FULL');
    database.pragma('busy_timeout = 5000');
    // Fail now, not on the first request, when the file cannot be written.
    database.exec('create table if not exists braid_write_check (x integer); drop table braid_write_check;');
    // Reads outside a transaction use a second, read-only connection, so they never wait for a
    // long transaction to commit (see sqliteReadWrite.ts). An in-memory database cannot be shared.
    const reader = file === ':memory:' ? null : new SQLite(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    return new Kysely<DB>({ dialect: new ReadWriteSqliteDialect(withStatementCache(database), reader && withStatementCache(reader)) });
  } catch (error) {
    throw new StorageError(`Cannot open the SQLite database at ${file}: ${(error as Error).message}`);
  }
}

async function openPostgres(url: string): Promise<Kysely<DB>> {
  // Loaded only for PostgreSQL: the embedded default starts without it.
  const { default: postgres } = (await import('pg')) as { default: typeof pg };
  // Times are stored as bigint epoch milliseconds: read them back as numbers, not strings.
  postgres.types.setTypeParser(20, (value) => Number(value));
  const pool = new postgres.Pool({ connectionString: url, max: 10 });
  // An idle connection the server closes (a restart, an administrator) must not crash Braid: the
  // pool drops it and the next query opens a new one.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StorageError(
      `Cannot reach PostgreSQL at ${redact(url)}: ${(error as Error).message}. ` +
        'Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or fix DATABASE_URL.',
    );
  }
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Kysely prepares every statement afresh; on SQLite preparing costs about as much as running a
 * small statement. The same few hundred statements run all day (webhook ingest above all), so
 * they are prepared once and reused (one cache per connection). Safe because a connection runs one
 * statement at a time, and SQLite re-prepares a cached statement by itself after a schema change.
 */
function withStatementCache(database: SQLite.Database, capacity = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement) {
        cache.delete(sqlText); // re-inserted below: the least recently used statement is evicted first
      } else {
        statement = database.prepare(sqlText);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, statement);
      return statement;
    },
    close() {
      cache.clear();
      database.close();
    },
  };
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
