import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/store/database';
import { migrateToLatest } from '../src/store/migrate';
import path from 'node:path';
import { adminQuery, postgresUrlFor, TEST_TMP } from './databases';

/**
 * Migrates once into a template per dialect; every test file then starts from a copy of it
 * (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL), so files never see
 * each other's rows and no test waits for migrations.
 */
export default async function setup(project: TestProject) {
  const dialect = (project.config.env?.BRAID_TEST_DIALECT ?? 'sqlite') as 'sqlite' | 'postgres';
  fs.mkdirSync(TEST_TMP, { recursive: true });
  // Each run has its own template, so test runs side by side never pull one from under the other.
  if (dialect === 'sqlite') {
    const template = path.join(TEST_TMP, `template_${process.pid}_${Date.now()}.db`);
    const db = await openDatabase({ dialect: 'sqlite', path: template });
    await migrateToLatest(db);
    await db.destroy();
    project.provide('databaseTemplate', template);
    return async () => {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(template + suffix, { force: true });
    };
  }
  const template = `braid_tpl_${process.pid}_${Date.now()}`;
  await adminQuery(`create database ${template}`);
  const db = await openDatabase({ dialect: 'postgres', url: postgresUrlFor(template) });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('databaseTemplate', template);
  return async () => {
    await adminQuery(`drop database if exists ${template} with (force)`);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: string;
  }
}
