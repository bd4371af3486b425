import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { redact } from '../src/store/database';

export const TEST_TMP = path.resolve('.tmp/test');

export function testPostgresUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/** A URL for another database on the same server. */
export function postgresUrlFor(database: string): string {
  const url = new URL(testPostgresUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${redact(testPostgresUrl())} (${(error as Error).message}). ` +
        'The PostgreSQL suite needs it: start it with ' +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, ' +
        'or point TEST_DATABASE_URL at a server where the user may create databases.',
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file: a copy of the migrated template. */
export async function freshDatabaseUrl(dialect: 'sqlite' | 'postgres', template: string): Promise<string> {
  const name = `braid_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  if (dialect === 'sqlite') {
    const file = path.join(TEST_TMP, `${name}.db`);
    fs.copyFileSync(template, file);
    return `sqlite:${file}`;
  }
  await adminQuery(`create database ${name} template ${template}`);
  return postgresUrlFor(name);
}

export async function dropDatabase(url: string): Promise<void> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    for (const suffix of ['', '-wal', '-shm', '.secret-key']) fs.rmSync(file + suffix, { force: true });
    return;
  }
  const name = new URL(url).pathname.slice(1);
  await adminQuery(`drop database if exists ${name} with (force)`);
}
