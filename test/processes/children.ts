import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { startMetaPlatform, type RunningMetaPlatform } from '../../src/sandbox/meta';
import { freePort, TEST_APP_SECRET, TEST_VERIFY_TOKEN } from '../harness';

/**
 * Braid as real child processes (node + tsx running test/processes/braidChild.ts) on one database,
 * with the simulated Meta platform in the test process on the wall clock, so crashes are real
 * SIGKILLs and two processes really share one SQLite file or PostgreSQL database.
 */
const root = path.resolve(import.meta.dirname, '../..');
export const CHILD_ADMIN = { email: 'admin@children.test', password: 'children-test-password' };
export const IG_ACCOUNT = '17841400000000001';
export const WA_ACCOUNT = { businessAccountId: '102290129340398', phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881' };

export interface BraidChild {
  name: string;
  url: string;
  process: ChildProcess;
  /** Everything the child printed so far. */
  output(): string;
  /** Resolves once the child printed `text` (rejects if it exits first or `timeoutMs` passes). */
  printed(text: string, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

export interface ChildOptions {
  databaseUrl: string;
  meta: RunningMetaPlatform;
  roles?: string;
  env?: Record<string, string>;
}

const running = new Set<BraidChild>();

export function startMeta(): Promise<RunningMetaPlatform> {
  return startMetaPlatform({
    appSecret: TEST_APP_SECRET,
    verifyToken: TEST_VERIFY_TOKEN,
    instagramAccountId: IG_ACCOUNT,
    instagramAccessToken: 'test-ig-token',
    whatsappPhoneNumberId: WA_ACCOUNT.phoneNumberId,
    whatsappBusinessAccountId: WA_ACCOUNT.businessAccountId,
    whatsappDisplayPhoneNumber: WA_ACCOUNT.displayPhoneNumber,
    whatsappAccessToken: 'test-wa-token',
    now: () => Date.now(),
  });
}

export async function startChild(name: string, options: ChildOptions): Promise<BraidChild> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/processes/braidChild.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      BRAID_PUBLIC_URL: url,
      DATABASE_URL: options.databaseUrl,
      BRAID_ROLES: options.roles ?? 'web,worker',
      BRAID_SANDBOX: '0',
      BRAID_ADMIN_EMAIL: CHILD_ADMIN.email,
      BRAID_ADMIN_PASSWORD: CHILD_ADMIN.password,
      META_APP_SECRET: TEST_APP_SECRET,
      META_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
      INSTAGRAM_ACCOUNT_ID: IG_ACCOUNT,
      INSTAGRAM_ACCESS_TOKEN: 'test-ig-token',
      INSTAGRAM_API_URL: options.meta.graphUrl,
      WHATSAPP_PHONE_NUMBER_ID: WA_ACCOUNT.phoneNumberId,
      WHATSAPP_BUSINESS_ACCOUNT_ID: WA_ACCOUNT.businessAccountId,
      WHATSAPP_PHONE_NUMBER: WA_ACCOUNT.displayPhoneNumber,
      WHATSAPP_ACCESS_TOKEN: 'test-wa-token',
      WHATSAPP_API_URL: options.meta.graphUrl,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  });
  let output = '';
  const waiters = new Set<() => void>();
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    for (const wake of waiters) wake();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let gone = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      gone = true;
      for (const wake of waiters) wake();
      resolve(code);
    }),
  );
  const printed = (text: string, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`${name} did not print "${text}" within ${timeoutMs} ms\n${output.slice(-3000)}`)), timeoutMs);
      const check = () => {
        if (output.includes(text)) done();
        else if (gone) done(new Error(`${name} exited before printing "${text}"\n${output.slice(-3000)}`));
      };
      const done = (error?: Error) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      waiters.add(check);
      check();
    });
  const braid: BraidChild = { name, url, process: child, output: () => output, printed, exited };
  running.add(braid);
  void exited.then(() => running.delete(braid));
  await printed('BRAID_READY');
  return braid;
}

/** SIGKILL by default: the process gets no chance to finish anything. */
export async function killChild(child: BraidChild, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill(signal);
  await child.exited;
}

export async function killAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => killChild(child)));
}

/** Waits for a condition by polling it (each probe's assertion error is kept for the report). */
export async function eventually<T>(what: string, probe: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms: ${(error as Error).message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
