import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { adminQuery, dropDatabase, postgresUrlFor, TEST_TMP } from '../../test/databases';
import { testDialect } from '../../test/harness';
import { openDatabase, StorageError } from './database';
import { migrateToLatest } from './migrate';

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

describe('opening storage', () => {
  it.runIf(testDialect() === 'sqlite')('names the cause when the SQLite file is read-only', async () => {
    const dir = path.join(TEST_TMP, `ro-${randomUUID().slice(0, 8)}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'braid.db');
    fs.writeFileSync(file, '');
    fs.chmodSync(file, 0o444);
    fs.chmodSync(dir, 0o555);
    try {
      // root ignores file modes, so only assert the message when the mode is really enforced
      let writable = true;
      try {
        fs.accessSync(file, fs.constants.W_OK);
      } catch {
        writable = false;
      }
      if (writable) {
        const db = await openDatabase({ dialect: 'sqlite', path: file });
        await db.destroy();
      } else {
        await expect(openDatabase({ dialect: 'sqlite', path: file })).rejects.toThrow(StorageError);
      }
    } finally {
      fs.chmodSync(dir, 0o755);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

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
