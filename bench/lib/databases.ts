import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface BenchDatabase {
  label: 'SQLite' | 'PostgreSQL';
  /** A DATABASE_URL for Braid: sqlite:<file> or postgres://… */
  url: string;
}

/**
 * Runs `work` on a fresh SQLite file, then on a fresh PostgreSQL database (unless
 * BENCH_SKIP_POSTGRES=1), removing each afterwards. PostgreSQL comes from BENCH_DATABASE_URL or
 * TEST_DATABASE_URL, on a server where the user may create databases.
 */
export async function onEachDatabase(name: string, work: (database: BenchDatabase) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `braid-${name}-`));
  try {
    await work({ label: 'SQLite', url: `sqlite:${path.join(dir, 'braid.db')}` });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_SKIP_POSTGRES === '1') return;
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = `braid_bench_${name}_${process.pid}`;
  const url = new URL(base);
  url.pathname = `/${database}`;
  await adminQuery(base, `create database ${database}`);
  try {
    await work({ label: 'PostgreSQL', url: url.toString() });
  } finally {
    await adminQuery(base, `drop database if exists ${database} with (force)`);
  }
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
