import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildInstagramBatch } from '../../src/sandbox/meta/payloads';
import { metaJsonStringify, signBody } from '../../src/sandbox/meta/signing';
import { startMetaPlatform, type RunningMetaPlatform, type SandboxCustomer } from '../../src/sandbox/meta';
import { dropDatabase, freshDatabaseUrl } from '../databases';
import { freePort, TEST_APP_SECRET, TEST_VERIFY_TOKEN, testDialect } from '../harness';
import { ApiClient } from '../http';
import { openEventStream, type SseEvent } from '../sse';

/**
 * Braid at scale, proven with real processes: two web processes and workers (node + tsx children)
 * over one fresh PostgreSQL database and Redis, with the simulated Meta platform in this process
 * playing the Graph API. Out-of-order commits of live events are covered deterministically in
 * test/foundation/events.int.test.ts.
 */
const postgres = testDialect() === 'postgres';
const root = path.resolve(import.meta.dirname, '../..');
const ADMIN = { email: 'admin@scale.test', password: 'scale-test-password' };
const IG_ACCOUNT = '17841400000000001';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Child {
  name: string;
  url: string;
  process: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

const children = new Set<Child>();
let databaseUrl = '';
let meta: RunningMetaPlatform;

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>, tail = ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms${tail ? `\n${tail}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startChild(name: string, roles: 'web' | 'worker'): Promise<Child> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      BRAID_PUBLIC_URL: url,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      BRAID_ROLES: roles,
      BRAID_SANDBOX: '0',
      BRAID_JOB_LEASE_SECONDS: '3',
      BRAID_ADMIN_EMAIL: ADMIN.email,
      BRAID_ADMIN_PASSWORD: ADMIN.password,
      META_APP_SECRET: TEST_APP_SECRET,
      META_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
      INSTAGRAM_ACCOUNT_ID: IG_ACCOUNT,
      INSTAGRAM_ACCESS_TOKEN: 'test-ig-token',
      INSTAGRAM_API_URL: meta.graphUrl,
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_BUSINESS_ACCOUNT_ID: '102290129340398',
      WHATSAPP_PHONE_NUMBER: '15550783881',
      WHATSAPP_ACCESS_TOKEN: 'test-wa-token',
      WHATSAPP_API_URL: meta.graphUrl,
      LOG_LEVEL: 'warn',
    },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 40) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running: Child = { name, url, process: child, output, exited };
  children.add(running);
  void exited.then(() => children.delete(running));
  let gone = false;
  void exited.then(() => (gone = true));
  const tail = () => `${name} output:\n${output.join('').slice(-3000)}`;
  if (roles === 'web') {
    await until(`${name} answering /healthz`, 45_000, async () => {
      if (gone) throw new Error(`${name} exited before it was healthy\n${tail()}`);
      return (await fetch(`${url}/healthz`)).ok;
    }, tail()).catch((error: Error) => {
      throw new Error(`${error.message}\n${tail()}`);
    });
  } else {
    // A worker has no port: it is up once the workspace exists and it has had time to start polling.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return running;
}

async function kill(child: Child, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill(signal);
  const timer = new Promise((resolve) => setTimeout(resolve, 10_000, 'timeout'));
  if ((await Promise.race([child.exited, timer])) === 'timeout') {
    child.process.kill('SIGKILL');
    await child.exited;
  }
}

function signedPost(url: string, body: unknown) {
  const raw = metaJsonStringify(body);
  return fetch(`${url}/webhooks/instagram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, TEST_APP_SECRET) },
    body: raw,
  });
}

/** One customer message as Meta's webhook, posted signed; `mid` lets the test find it again. */
function instagramMessage(customer: SandboxCustomer, mid: string, text: string) {
  return buildInstagramBatch([
    { accountId: IG_ACCOUNT, messaging: { sender: { id: customer.igsid }, recipient: { id: IG_ACCOUNT }, timestamp: Date.now(), message: { mid, text } } },
  ]);
}

/** Posts the messages `batch` at a time, alternating between the given web processes; every answer must be 200. */
async function postAll(urls: string[], bodies: unknown[], batch = 10) {
  for (let i = 0; i < bodies.length; i += batch) {
    const answers = await Promise.all(bodies.slice(i, i + batch).map((body, j) => signedPost(urls[(i + j) % urls.length], body)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
  }
}

function createdMessageIds(events: SseEvent[]): Set<string> {
  return new Set(events.filter((e) => e.event === 'message.created').map((e) => e.data.messageId as string));
}

let web1: Child;
let web2: Child;
let worker: Child;
const api1 = () => new ApiClient(web1.url);

describe.runIf(postgres)('several Braid processes on one PostgreSQL and Redis', () => {
  beforeAll(async () => {
    meta = await startMetaPlatform({
      appSecret: TEST_APP_SECRET,
      verifyToken: TEST_VERIFY_TOKEN,
      instagramAccountId: IG_ACCOUNT,
      instagramAccessToken: 'test-ig-token',
      whatsappPhoneNumberId: '106540352242922',
      whatsappBusinessAccountId: '102290129340398',
      whatsappDisplayPhoneNumber: '15550783881',
      whatsappAccessToken: 'test-wa-token',
      now: () => Date.now(),
    });
    databaseUrl = await freshDatabaseUrl('postgres', inject('databaseTemplate'));
    // The first web process bootstraps the workspace; the others start on it side by side.
    web1 = await startChild('web 1', 'web');
    [web2, worker] = await Promise.all([startChild('web 2', 'web'), startChild('worker 1', 'worker')]);
    meta.platform.setWebhookUrls({ instagram: `${web2.url}/webhooks/instagram`, whatsapp: `${web2.url}/webhooks/whatsapp` });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...children].map((child) => kill(child, 'SIGTERM')));
    await meta?.close();
    if (databaseUrl) await dropDatabase(databaseUrl);
  }, 60_000);

  it('a session made on one web process works on the other', async () => {
    const one = api1();
    await one.signIn(ADMIN.email, ADMIN.password);
    const two = new ApiClient(web2.url);
    two.cookie = one.cookie;
    const me = await two.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(ADMIN.email);
  });

  it('a live stream on one process receives every message that arrived through either, 200 webhooks 10 at a time', async () => {
    const admin = api1();
    await admin.signIn(ADMIN.email, ADMIN.password);
    const stream = await openEventStream(web1.url, admin.cookie);
    try {
      await stream.next('ready');
      const customers = await Promise.all(Array.from({ length: 20 }, (_, i) => meta.platform.createCustomer({ name: `Stream ${i}` })));
      const bodies = Array.from({ length: 200 }, (_, i) => instagramMessage(customers[i % 20], `m_stream_${i}`, `order question ${i}`));
      await postAll([web1.url, web2.url], bodies);
      await until('200 message.created events on the stream', 60_000, async () => createdMessageIds(stream.events).size >= 200);
      expect(createdMessageIds(stream.events).size).toBe(200);
    } finally {
      stream.close();
    }
  }, 90_000);

  it('a worker killed while 60 replies are queued: a new worker sends every one, at most the ones in flight twice', async () => {
    const admin = new ApiClient(web2.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    const customer = await meta.platform.createCustomer({ name: 'Replies' });
    await meta.platform.sendInstagramText(customer.id, 'I need help with my order');
    await meta.platform.flush();
    const conversationId = await until('the conversation of the replies customer', 20_000, async () => {
      const list = await admin.get('/api/conversations');
      return (list.body?.conversations as { id: string; contact?: { name?: string } }[] | undefined)?.find((c) => JSON.stringify(c).includes('Replies'))?.id;
    });
    meta.platform.setLatency(50);
    try {
      const texts = Array.from({ length: 60 }, (_, i) => `reply number ${i}`);
      for (const text of texts) {
        const posted = await admin.post(`/api/conversations/${conversationId}/messages`, { text });
        expect(posted.status).toBe(201);
      }
      const sentTexts = async () => (await meta.platform.sends({ customerId: customer.id })).map((s) => (s.body as { message?: { text?: string } }).message?.text);
      await until('the first sends', 20_000, async () => (await sentTexts()).length >= 5);
      await kill(worker);
      const atKill = (await sentTexts()).length;
      expect(atKill).toBeLessThan(60);
      worker = await startChild('worker 2', 'worker');
      await until('every reply sent', 60_000, async () => new Set(await sentTexts()).size >= 60);
      const counts = new Map<string, number>();
      for (const text of await sentTexts()) counts.set(text!, (counts.get(text!) ?? 0) + 1);
      expect([...counts.keys()].sort()).toEqual([...texts].sort());
      // The dead worker held at most its concurrency (4) of sends in flight; only those may repeat.
      const twice = [...counts].filter(([, n]) => n > 1);
      expect(twice.length).toBeLessThanOrEqual(4);
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    } finally {
      meta.platform.setLatency(0);
    }
  }, 90_000);

  it('automation steps run once across two workers: 20 customers each get the "Hi" sequence exactly once', async () => {
    const second = await startChild('worker 3', 'worker');
    const customers = await Promise.all(Array.from({ length: 20 }, (_, i) => meta.platform.createCustomer({ name: `Hi ${i}` })));
    await Promise.all(customers.map((c) => meta.platform.sendInstagramText(c.id, 'hi')));
    await meta.platform.flush();
    const textsOf = async (c: SandboxCustomer) => (await meta.platform.sends({ customerId: c.id })).map((s) => {
      const body = s.body as { message?: { text?: string; attachment?: { payload?: { text?: string } } } };
      return body.message?.text ?? body.message?.attachment?.payload?.text ?? null;
    });
    await until('both Hi messages to all 20 customers', 60_000, async () => (await Promise.all(customers.map(textsOf))).every((t) => t.length >= 2));
    // Give a duplicate run time to show itself before counting.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const customer of customers) {
      expect(await textsOf(customer)).toEqual(['Hi! 👋 Thanks for your message.', 'How would you like to continue?']);
    }
    await kill(second, 'SIGTERM');
  }, 90_000);

  it('web process 1 killed with SIGKILL: the stream reconnects to process 2 with its Last-Event-ID and misses nothing', async () => {
    const admin = api1();
    await admin.signIn(ADMIN.email, ADMIN.password);
    const stream = await openEventStream(web1.url, admin.cookie);
    await stream.next('ready');
    const customers = await Promise.all(Array.from({ length: 5 }, (_, i) => meta.platform.createCustomer({ name: `Failover ${i}` })));
    const bodies = Array.from({ length: 60 }, (_, i) => instagramMessage(customers[i % 5], `m_failover_${i}`, `failover question ${i}`));
    await postAll([web2.url], bodies.slice(0, 20));
    await until('some events on process 1', 30_000, async () => createdMessageIds(stream.events).size >= 5);
    const sending = postAll([web2.url], bodies.slice(20));
    await kill(web1);
    await stream.ended;
    const lastId = stream.events.at(-1)!.id;
    await sending;
    const resumed = await openEventStream(web2.url, admin.cookie, lastId);
    try {
      await until('all 60 messages across both streams', 60_000, async () => {
        const seen = new Set([...createdMessageIds(stream.events), ...createdMessageIds(resumed.events)]);
        return seen.size >= 60;
      });
      const all = [...stream.events, ...resumed.events].filter((e) => e.event === 'message.created');
      expect(new Set(all.map((e) => e.data.messageId)).size).toBe(60);
    } finally {
      resumed.close();
    }
  }, 90_000);
});
