/**
 * Ingest benchmark (prints figures; not a test). Signed Instagram webhooks, one message per POST
 * and batches of 10, are posted over loopback from a second process at fixed concurrency against:
 *   - Braid on SQLite with durable commits (synchronous = FULL: each acknowledged delivery is on
 *     disk), webhook route, signature check, parse, one transaction, 200;
 *   - in the same run, a bare Fastify route that answers 200 without reading anything.
 * It prints requests/s for both, their ratio, and the acknowledgement latency p50/p99.
 * Targets from the issue: ratio >= 0.5, ack p50 <= 5 ms. Knobs: BENCH_SECONDS, BENCH_CONCURRENCY,
 * BENCH_SYNC=normal (WAL without a sync per commit, to see what durability costs).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { startBraid } from '../src/main';
import { freePort } from './lib/freePort';
import type { LoadJob, LoadResult } from './lib/webhookLoad';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const APP_SECRET = 'bench-app-secret';
const ACCOUNT_ID = '17841400000000001';

function load(job: Omit<LoadJob, 'appSecret' | 'accountId' | 'customers' | 'runId' | 'maxRequests'>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, 'lib/webhookLoad.ts'), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`load process exited with ${code}`)));
    child.send({ ...job, appSecret: APP_SECRET, accountId: ACCOUNT_ID, customers: 500, runId: Math.random().toString(36).slice(2), maxRequests: 1_000_000 } satisfies LoadJob);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

function summary(result: LoadResult) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    rps: result.requests / result.seconds,
    messagesPerSecond: result.messages / result.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: result.errors,
    statuses: result.statuses,
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'braid-bench-'));
  const port = await freePort();
  const braid = await startBraid(
    loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      BRAID_PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: `sqlite:${path.join(dir, 'braid.db')}`,
      BRAID_SANDBOX: '0',
      META_APP_SECRET: APP_SECRET,
      META_VERIFY_TOKEN: 'bench',
      INSTAGRAM_ACCOUNT_ID: ACCOUNT_ID,
      INSTAGRAM_ACCESS_TOKEN: 'bench',
      // Nothing listens here: the benchmark measures the acknowledgement, and the worker is off.
      INSTAGRAM_API_URL: 'http://127.0.0.1:9/graph/v25.0',
      LOG_LEVEL: 'silent',
    }),
    { serveWeb: false, startWorker: false },
  );
  // FULL is Braid's own setting (an acknowledged delivery survives a power cut); BENCH_SYNC=normal shows its cost.
  await sql`pragma synchronous = ${sql.raw(process.env.BENCH_SYNC === 'normal' ? 'normal' : 'full')}`.execute(braid.ctx.store.kysely);

  const bare = Fastify({ logger: false });
  bare.post('/webhooks/instagram', async () => ({ received: true }));
  const barePort = await freePort();
  await bare.listen({ port: barePort, host: '127.0.0.1' });

  const braidUrl = `${braid.url}/webhooks/instagram`;
  const bareUrl = `http://127.0.0.1:${barePort}/webhooks/instagram`;
  console.log(`concurrency ${CONCURRENCY}, ${SECONDS} s per run, ${os.cpus().length} CPUs, Node ${process.version}, SQLite WAL synchronous=${process.env.BENCH_SYNC === 'normal' ? 'NORMAL' : 'FULL'}`);

  // Warm-up: JIT, connection pools, the SQLite page cache.
  await load({ url: braidUrl, batch: 1, concurrency: CONCURRENCY, durationMs: 1000 });
  await load({ url: bareUrl, batch: 1, concurrency: CONCURRENCY, durationMs: 1000 });

  const rows: string[] = [];
  for (const batch of [1, 10]) {
    const bareResult = summary(await load({ url: bareUrl, batch, concurrency: CONCURRENCY, durationMs: SECONDS * 1000 }));
    const braidResult = summary(await load({ url: braidUrl, batch, concurrency: CONCURRENCY, durationMs: SECONDS * 1000 }));
    const label = batch === 1 ? 'single' : `batch of ${batch}`;
    rows.push(
      `${label.padEnd(12)} bare ${bareResult.rps.toFixed(0).padStart(6)} req/s  p50 ${bareResult.p50.toFixed(2)} ms  p99 ${bareResult.p99.toFixed(2)} ms`,
      `${''.padEnd(12)} braid ${braidResult.rps.toFixed(0).padStart(5)} req/s (${braidResult.messagesPerSecond.toFixed(0)} msg/s)  p50 ${braidResult.p50.toFixed(2)} ms  p99 ${braidResult.p99.toFixed(2)} ms  errors ${braidResult.errors}`,
      `${''.padEnd(12)} ratio braid/bare ${(braidResult.rps / bareResult.rps).toFixed(2)}`,
    );
  }
  // Unloaded: one request at a time, the acknowledgement latency a lone webhook sees.
  const lone = summary(await load({ url: braidUrl, batch: 1, concurrency: 1, durationMs: SECONDS * 1000 }));
  const loneBare = summary(await load({ url: bareUrl, batch: 1, concurrency: 1, durationMs: SECONDS * 1000 }));
  rows.push(
    `${'one at a time'.padEnd(12)} bare ${loneBare.rps.toFixed(0).padStart(6)} req/s  p50 ${loneBare.p50.toFixed(2)} ms  p99 ${loneBare.p99.toFixed(2)} ms`,
    `${''.padEnd(12)} braid ${lone.rps.toFixed(0).padStart(5)} req/s  p50 ${lone.p50.toFixed(2)} ms  p99 ${lone.p99.toFixed(2)} ms  errors ${lone.errors}`,
  );
  const stored = await braid.ctx.store.repos.messages.countForConversations(
    (await braid.ctx.store.kysely.selectFrom('conversations').select('id').execute()).map((c) => c.id),
  );
  console.log(rows.join('\n'));
  console.log(`messages stored: ${stored}; deliveries: ${await braid.ctx.store.repos.deliveries.count()}`);

  await bare.close();
  await braid.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
