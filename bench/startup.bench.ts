/**
 * Start-up: from launching Braid to a healthy /healthz, on a fresh database (the first start after
 * install, migrations included) and on the same database again (every later start). Braid as
 * `npm start` runs it (the built server under plain node) beside the former way (TypeScript
 * compiled on the fly with tsx), each a whole process, several times; medians and ranges printed.
 * Also the server's resident memory once idle. Figures are printed, never asserted.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onEachDatabase } from './lib/databases';
import { freePort } from './lib/freePort';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);

const built = spawnSync('npm', ['run', 'build:server', '--silent'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) throw new Error('npm run build:server failed');

interface Start {
  ms: number;
  rssMiB: number;
}

async function startOnce(command: string[], databaseUrl: string): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command[0], command.slice(1), {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', BRAID_SANDBOX: '0', META_APP_SECRET: 'bench-secret' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (performance.now() - started > 60_000) throw new Error(`${command.join(' ')} was not healthy within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const ms = performance.now() - started;
    // Idle memory: the server process alone, after start-up garbage has been collected.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rss = spawnSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).stdout.trim();
    return { ms, rssMiB: Number(rss) / 1024 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

const ways = [
  { label: 'node dist/server/main.js (npm start)', command: [process.execPath, 'dist/server/main.js'] },
  { label: 'tsx src/main.ts (before)', command: [process.execPath, '--import', 'tsx', 'src/main.ts'] },
];

console.log(`Start-up to a healthy /healthz, ${RUNS} runs each (median, range in ms); server RSS when idle`);
await onEachDatabase('startup', async (database) => {
  for (const [index, way] of ways.entries()) {
    // The first start migrates an empty database: SQLite gets a new file per way; PostgreSQL's one
    // database is empty only for the first way.
    const fresh = database.url.startsWith('sqlite:') ? database.url.replace(/\.db$/, `-${index}.db`) : index === 0 ? database.url : null;
    const first = fresh ? await startOnce(way.command, fresh) : null;
    const again: Start[] = [];
    for (let i = 0; i < RUNS; i++) again.push(await startOnce(way.command, fresh ?? database.url));
    const ms = again.map((s) => s.ms);
    console.log(
      `  ${database.label.padEnd(10)} ${way.label.padEnd(38)} first start ${first ? `${first.ms.toFixed(0).padStart(5)} ms` : '    –   '} · ` +
        `later starts ${median(ms).toFixed(0).padStart(5)} ms (${range(ms)}) · idle RSS ${median(again.map((s) => s.rssMiB)).toFixed(0)} MiB`,
    );
  }
});
