import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../src/config';
import { TestClock } from '../src/domain/shared/clock';
import { startBraid, type RunningBraid } from '../src/main';
import { dropDatabase, freshDatabaseUrl } from './databases';

export const TEST_APP_SECRET = 'test-app-secret';
export const TEST_VERIFY_TOKEN = 'test-verify-token';

export interface TestBraid extends RunningBraid {
  clock: TestClock;
  dialect: 'sqlite' | 'postgres';
  /** The database it runs on; another instance may share it (see `sameDatabaseAs`). */
  databaseUrl: string;
  /** Runs every due job now, repeatedly, until none is left. */
  drainJobs(): Promise<number>;
}

export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.BRAID_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface TestBraidOptions {
  /**
   * Run as a second process of that Braid: same database and same clock, its own server, pool
   * and memory. Closing it leaves the database to the first.
   */
  sameDatabaseAs?: TestBraid;
}

/**
 * A real Braid on a fresh database of the dialect under test, listening on 127.0.0.1, with a
 * test clock and a worker that runs only when the test drains it. `env` adds configuration.
 */
export async function startTestBraid(env: Record<string, string> = {}, options: TestBraidOptions = {}): Promise<TestBraid> {
  const dialect = testDialect();
  const shared = options.sameDatabaseAs;
  const databaseUrl = shared ? shared.databaseUrl : await freshDatabaseUrl(dialect, inject('databaseTemplate'));
  const port = await freePort();
  // Media files go to a folder of this test's own (a second process shares the first one's).
  const sharedMedia = shared?.ctx.config.media;
  const mediaDir = sharedMedia?.kind === 'disk' ? sharedMedia.dir : fs.mkdtempSync(path.join(os.tmpdir(), 'braid-test-media-'));
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    BRAID_PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    BRAID_SANDBOX: '0',
    META_APP_SECRET: TEST_APP_SECRET,
    META_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
    INSTAGRAM_ACCOUNT_ID: '17841400000000001',
    INSTAGRAM_ACCESS_TOKEN: 'test-ig-token',
    WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
    WHATSAPP_BUSINESS_ACCOUNT_ID: '102290129340398',
    WHATSAPP_PHONE_NUMBER: '15550783881',
    WHATSAPP_ACCESS_TOKEN: 'test-wa-token',
    BRAID_MEDIA_DIR: mediaDir,
    ...env,
  });
  const clock = shared ? shared.clock : new TestClock(Date.UTC(2026, 10, 27, 9, 0, 0));
  // Templates are read when a test asks (POST /api/whatsapp/templates/refresh), not at every start.
  const running = await startBraid(config, { clock, serveWeb: false, startWorker: false, syncTemplatesOnStart: false });
  return {
    ...running,
    clock,
    dialect,
    databaseUrl,
    drainJobs: () => running.worker!.drain(),
    async close() {
      await running.close();
      if (!shared) {
        await dropDatabase(databaseUrl);
        fs.rmSync(mediaDir, { recursive: true, force: true });
      }
    },
  };
}
