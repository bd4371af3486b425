import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { adminQuery, dropDatabase, postgresUrlFor, TEST_TMP } from '../../test/databases';
import { testDialect } from '../../test/harness';
import { openDatabase } from './database';
import { migrateTo, migrateToLatest } from './migrate';

async function emptyDatabaseUrl(): Promise<string> {
  const name = `braid_t_empty_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  if (testDialect() === 'sqlite') return `sqlite:${path.join(TEST_TMP, `${name}.db`)}`;
  await adminQuery(`create database ${name}`);
  return postgresUrlFor(name);
}

describe('migrations', () => {
  it('bring an empty database to the latest schema, and running them again changes nothing', async () => {
    const url = await emptyDatabaseUrl();
    const storage = url.startsWith('sqlite:') ? { dialect: 'sqlite' as const, path: url.slice(7) } : { dialect: 'postgres' as const, url };
    const db = await openDatabase(storage);
    try {
      await migrateToLatest(db);
      await migrateToLatest(db);
      const tables = (await db.introspection.getTables()).map((t) => t.name);
      for (const table of ['workspaces', 'users', 'channels', 'contacts', 'identities', 'conversations', 'messages', 'jobs', 'events', 'audit_events', 'merges', 'invites']) {
        expect(tables).toContain(table);
      }
      // The unique keys the product relies on are enforced by the database itself.
      await sql`insert into workspaces (id, name, settings, created_at) values ('w', 'W', '{}', 0)`.execute(db);
      await sql`insert into channels (id, workspace_id, kind, name, external_id, settings, created_at) values ('c', 'w', 'instagram', 'IG', '1', '{}', 0)`.execute(db);
      await expect(
        sql`insert into channels (id, workspace_id, kind, name, external_id, settings, created_at) values ('c2', 'w', 'instagram', 'IG', '1', '{}', 0)`.execute(db),
      ).rejects.toThrow();
    } finally {
      await db.destroy();
      await dropDatabase(url);
    }
  });
});

describe('0006_setup_token_revocation', () => {
  it('leaves only the newest unused setup link of each workspace working', async () => {
    const url = await emptyDatabaseUrl();
    const storage = url.startsWith('sqlite:') ? { dialect: 'sqlite' as const, path: url.slice(7) } : { dialect: 'postgres' as const, url };
    const db = await openDatabase(storage);
    try {
      await migrateTo(db, '0005_sign_in_checks');
      await sql`insert into workspaces (id, name, settings, created_at) values ('w1', 'One', '{}', 0), ('w2', 'Two', '{}', 0)`.execute(db);
      await sql`
        insert into setup_tokens (token_hash, workspace_id, created_at, expires_at, used_at) values
          ('old', 'w1', 1, 100, null), ('newest', 'w1', 3, 100, null), ('used', 'w1', 2, 100, 2), ('alone', 'w2', 1, 100, null)`.execute(db);
      await migrateToLatest(db);
      const rows = await sql<{ token_hash: string; revoked_at: number | null }>`select token_hash, revoked_at from setup_tokens order by token_hash`.execute(db);
      expect(rows.rows.map((r) => [r.token_hash, r.revoked_at === null ? 'working' : 'revoked'])).toEqual([
        ['alone', 'working'],
        ['newest', 'working'],
        ['old', 'revoked'],
        ['used', 'working'],
      ]);
    } finally {
      await db.destroy();
      await dropDatabase(url);
    }
  });
});

describe('upgrading a populated database', () => {
  it('keeps every row of every table, column for column, from the first migration to the latest', async () => {
    const url = await emptyDatabaseUrl();
    const storage = url.startsWith('sqlite:') ? { dialect: 'sqlite' as const, path: url.slice(7) } : { dialect: 'postgres' as const, url };
    const db = await openDatabase(storage);
    try {
      await migrateTo(db, '0001_init');
      const tables = (await db.introspection.getTables()).filter((t) => !t.name.startsWith('kysely_'));
      expect(tables.length).toBeGreaterThan(15);
      // One row in each table, every column filled, as a first install would have left them. The
      // rows are not related to each other, so reference checks are off while they are written.
      const rowOf = (table: (typeof tables)[number]) =>
        Object.fromEntries(table.columns.map((c, i) => [c.name, valueFor(table.name, c.name, c.dataType, i)]));
      // SQLite's one connection takes the pragma outside a transaction; PostgreSQL's setting holds
      // for the transaction's own connection.
      if (storage.dialect === 'sqlite') await sql`pragma foreign_keys = off`.execute(db);
      await db.transaction().execute(async (trx) => {
        if (storage.dialect === 'postgres') await sql`set local session_replication_role = replica`.execute(trx);
        for (const table of tables) await trx.insertInto(table.name as never).values(rowOf(table) as never).execute();
      });
      if (storage.dialect === 'sqlite') await sql`pragma foreign_keys = on`.execute(db);
      const before = new Map<string, unknown[]>();
      for (const table of tables) before.set(table.name, await db.selectFrom(table.name as never).selectAll().execute());

      await migrateToLatest(db);

      const now = (await db.introspection.getTables()).map((t) => t.name);
      for (const table of tables) {
        if (table.name in DROPPED_ON_PURPOSE) {
          expect(now, table.name).not.toContain(table.name);
          continue;
        }
        const rows = (await db.selectFrom(table.name as never).selectAll().execute()) as Record<string, unknown>[];
        const kept = rows.map((row) => Object.fromEntries(table.columns.map((c) => [c.name, row[c.name]])));
        expect(kept, table.name).toEqual(before.get(table.name));
      }
    } finally {
      await db.destroy();
      await dropDatabase(url);
    }
  });
});

/** Tables a later migration removes, and why nothing in them is worth keeping. */
const DROPPED_ON_PURPOSE: Record<string, string> = {
  login_attempts: '0005 replaces these failure counters (of the last 15 minutes) with sign_in_checks',
};

/** Columns whose CHECK constraints allow only some values. */
const CHECKED: Record<string, unknown> = { role: 'agent', kind: 'whatsapp' };

/** A value of the column's type, distinct per table and column so a shuffled column would show. */
function valueFor(table: string, column: string, dataType: string, index: number): unknown {
  if (column in CHECKED) return CHECKED[column];
  const type = dataType.toLowerCase();
  if (/int|serial/.test(type)) return 1000 + index;
  if (/bool/.test(type)) return true;
  if (/real|double|numeric|float/.test(type)) return index + 0.5;
  if (/json/.test(type)) return JSON.stringify({ table, column });
  return `${table}.${column}`;
}

describe('opening storage', () => {
  it.runIf(testDialect() === 'sqlite')('names the cause when the SQLite file is read-only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-ro-'));
    const file = path.join(dir, 'braid.db');
    const seed = new SQLite(file);
    seed.exec('create table kept (x integer); insert into kept values (1);');
    seed.close();
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(file, 0o444);
    try {
      // File modes do not bind root, so as root the opening runs as an unprivileged user.
      let message: string;
      if (process.getuid?.() === 0) {
        const child = openAsNobody(file);
        expect(child.uid, child.output).toBe(NOBODY);
        message = child.message;
      } else {
        message = await openDatabase({ dialect: 'sqlite', path: file }).then(
          () => 'opened',
          (error: Error) => `${error.constructor.name}: ${error.message}`,
        );
      }
      expect(message).toMatch(/StorageError: Cannot open the SQLite database at .*braid\.db: attempt to write a readonly database/);
      expect(new SQLite(file, { readonly: true }).prepare('select x from kept').all()).toEqual([{ x: 1 }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(testDialect() === 'sqlite')('names the cause when another process holds the SQLite file locked', async () => {
    const file = path.join(TEST_TMP, `locked-${randomUUID().slice(0, 8)}.db`);
    const holder = new SQLite(file);
    holder.exec('create table kept (x integer)');
    holder.exec('begin exclusive');
    try {
      await expect(openDatabase({ dialect: 'sqlite', path: file })).rejects.toThrow(/Cannot open the SQLite database at .*locked-.*: database is locked/);
    } finally {
      holder.exec('rollback');
      holder.close();
      fs.rmSync(file, { force: true });
    }
  }, 20_000);

  it.runIf(testDialect() === 'sqlite')('names the cause when the SQLite file is not a database', async () => {
    const file = path.join(TEST_TMP, `junk-${randomUUID().slice(0, 8)}.db`);
    fs.writeFileSync(file, 'this is not a database file, just text that is long enough to have a header'.repeat(10));
    await expect(openDatabase({ dialect: 'sqlite', path: file })).rejects.toThrow(/Cannot open the SQLite database at .*junk/);
    fs.rmSync(file, { force: true });
  });

  it.runIf(testDialect() === 'postgres')('names the cause when PostgreSQL is unreachable', async () => {
    await expect(openDatabase({ dialect: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' })).rejects.toThrow(
      /Cannot reach PostgreSQL at postgres:\/\/postgres@127.0.0.1:1\/none.*pg_ctlcluster/,
    );
  });
});

const NOBODY = 65534;

/**
 * Opens the file in a child process running as `nobody`, and reports what opening said and as whom.
 * The child starts as root and loads everything opening needs (this checkout's code, the SQLite
 * binding, Kysely) before it drops to `nobody`: the checkout may sit where `nobody` cannot read
 * (a private temporary folder, /root), while the file under test is in the world-readable tmpdir.
 */
function openAsNobody(file: string): { uid: number | null; message: string; output: string } {
  const script = `const { openDatabase } = await import(${JSON.stringify(new URL('./database.ts', import.meta.url).href)});
    // Opening an in-memory database as root loads whatever openDatabase loads lazily.
    await (await openDatabase({ dialect: 'sqlite', path: ':memory:' })).destroy();
    process.setgroups([]);
    process.setgid(${NOBODY});
    process.setuid(${NOBODY});
    const message = await openDatabase({ dialect: 'sqlite', path: ${JSON.stringify(file)} }).then(
      () => 'opened', (e) => e.constructor.name + ': ' + e.message);
    console.log(JSON.stringify({ uid: process.getuid(), message }));`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`.trim();
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    const parsed = JSON.parse(last) as { uid: number; message: string };
    return { uid: parsed.uid, message: parsed.message, output };
  } catch {
    return { uid: null, message: output, output };
  }
}
