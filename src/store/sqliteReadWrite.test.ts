import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';

/** SQLite's two connections: reads outside a transaction never wait for one; writes do, in order. */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function database(file?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-rw-'));
  const db = await openDatabase({ dialect: 'sqlite', path: file ?? path.join(dir, 'braid.db') });
  cleanups.push(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await sql`create table kept (x integer)`.execute(db);
  await sql`insert into kept values (1)`.execute(db);
  return db;
}

const values = async (db: Awaited<ReturnType<typeof database>>) => (await sql<{ x: number }>`select x from kept order by x`.execute(db)).rows.map((r) => r.x);

describe('SQLite reader and writer', () => {
  it('answers a read while a transaction is open, with the committed state, and the writes after the commit', async () => {
    const db = await database();
    const order: string[] = [];
    let letCommit!: () => void;
    const commitAllowed = new Promise<void>((resolve) => (letCommit = resolve));
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await sql`insert into kept values (2)`.execute(trx);
      // Inside the transaction its own write is visible.
      expect((await sql<{ n: number }>`select count(*) as n from kept`.execute(trx)).rows[0].n).toBe(2);
      inside();
      await commitAllowed;
      order.push('commit');
    });
    await opened;
    const write = sql`insert into kept values (3)`.execute(db).then(() => order.push('write'));
    expect(await values(db)).toEqual([1]);
    order.push('read');
    letCommit();
    await Promise.all([transaction, write]);
    expect(order).toEqual(['read', 'commit', 'write']);
    expect(await values(db)).toEqual([1, 2, 3]);
  });

  it('sees a rolled-back transaction as never written, and keeps taking writes afterwards', async () => {
    const db = await database();
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into kept values (2)`.execute(trx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await sql`insert into kept values (4)`.execute(db);
    expect(await values(db)).toEqual([1, 4]);
  });

  it('works with one connection for an in-memory database', async () => {
    const db = await database(':memory:');
    await db.transaction().execute(async (trx) => sql`insert into kept values (5)`.execute(trx));
    expect(await values(db)).toEqual([1, 5]);
  });
});
