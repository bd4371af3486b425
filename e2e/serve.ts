/**
 * Starts one Braid for a Playwright project on a fresh database, and removes the
 * database again when Playwright stops it.
 *
 *   node --import tsx e2e/serve.ts sqlite 3101
 *   node --import tsx e2e/serve.ts postgres 3102   (uses TEST_DATABASE_URL)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { startBraid } from '../src/main';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DEFAULT_TEST_DATABASE_URL, type E2eDialect } from './settings';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message: string): never {
  console.error(`[e2e] ${message}`);
  process.exit(1);
}

interface FreshDatabase {
  url: string;
  describe: string;
  drop(): Promise<void>;
}

function freshSqlite(): FreshDatabase {
  const dir = path.join(root, '.tmp/e2e');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `braid-${Date.now()}-${randomBytes(4).toString('hex')}.db`);
  return {
    url: `sqlite:${file}`,
    describe: `SQLite at ${path.relative(root, file)}`,
    async drop() {
      for (const suffix of ['', '-wal', '-shm', '.secret-key']) fs.rmSync(file + suffix, { force: true });
    },
  };
}

async function freshPostgres(): Promise<FreshDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  const name = `braid_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    fail(
      `PostgreSQL at ${adminUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} is not usable for the e2e tests: ` +
        `${(error as Error).message}. Start PostgreSQL (for example ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`), or point TEST_DATABASE_URL ' +
        'at a server where this user may CREATE DATABASE, or run only the SQLite project: npx playwright test --project=sqlite',
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    describe: `PostgreSQL database ${name}`,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
      try {
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch (error) {
        console.error(`[e2e] Could not drop ${name}: ${(error as Error).message}`);
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

async function main() {
  const dialect = process.argv[2] as E2eDialect | undefined;
  const port = Number(process.argv[3]);
  if (dialect !== 'sqlite' && dialect !== 'postgres') fail('usage: e2e/serve.ts sqlite|postgres <port>');
  if (!Number.isInteger(port) || port <= 0) fail(`"${process.argv[3]}" is not a port number`);
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) {
    fail('The web app is not built (dist/web/index.html is missing). Run `npx vite build` first.');
  }

  const database = dialect === 'sqlite' ? freshSqlite() : await freshPostgres();
  const publicUrl = `http://127.0.0.1:${port}`;
  const mediaDir = path.join(root, '.tmp/e2e', `media-${dialect}-${port}-${randomBytes(4).toString('hex')}`);
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    BRAID_PUBLIC_URL: publicUrl,
    DATABASE_URL: database.url,
    BRAID_ADMIN_EMAIL: ADMIN_EMAIL,
    BRAID_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BRAID_SANDBOX: '1',
    // SQLite makes its own key file; PostgreSQL needs one to connect channels in Settings → Channels.
    ...(dialect === 'postgres' && { BRAID_SECRET_KEY: randomBytes(32).toString('base64') }),
    BRAID_MEDIA_DIR: mediaDir,
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  });

  let braid: Awaited<ReturnType<typeof startBraid>>;
  try {
    braid = await startBraid(config);
  } catch (error) {
    await database.drop();
    fail(`Braid did not start on ${database.describe}: ${(error as Error).message}`);
  }
  console.log(`[e2e] Braid (${dialect}) is serving ${braid.url} on ${database.describe}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[e2e] ${signal}: stopping Braid (${dialect}) and removing ${database.describe}`);
    await braid.close().catch((error: unknown) => console.error(`[e2e] close failed: ${(error as Error).message}`));
    await database.drop();
    fs.rmSync(mediaDir, { recursive: true, force: true });
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
}

void main();
