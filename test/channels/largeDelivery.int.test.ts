import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaJsonStringify, signBody } from '../../src/sandbox/meta/signing';
import type { Repositories } from '../../src/store/store';
import { createUser, TEST_PASSWORD } from '../factories';
import { startTestBraid, TEST_APP_SECRET, type TestBraid } from '../harness';
import { ApiClient } from '../http';

/**
 * A signed delivery of 5,000 Instagram messages (about 1 MB) is applied in one transaction, but
 * not in one go: the ingest hands the event loop back between slices of work, so the process keeps
 * answering while it runs (on SQLite the driver is synchronous, and it used to freeze every request
 * until the whole delivery was written). Reads are answered meanwhile; writes wait for the commit
 * and then go through; the delivery is still all-or-nothing and acknowledged once durable.
 */
const ACCOUNT_ID = '17841400000000001';
const MESSAGES = 5_000;
const CUSTOMERS = 50;

let braid: TestBraid;
let agentApi: ApiClient;
let adminApi: ApiClient;
beforeAll(async () => {
  braid = await startTestBraid();
  const workspace = (await braid.ctx.store.repos.workspaces.first())!;
  const agent = await createUser(braid.ctx, workspace.id, 'agent');
  const admin = await createUser(braid.ctx, workspace.id, 'admin');
  agentApi = new ApiClient(braid.url);
  await agentApi.signIn(agent.email, TEST_PASSWORD);
  adminApi = new ApiClient(braid.url);
  await adminApi.signIn(admin.email, TEST_PASSWORD);
});
afterAll(async () => {
  await braid?.close();
});

function instagramDelivery(run: string, count: number) {
  const start = braid.clock.now() - 60 * 60 * 1000;
  const messaging = Array.from({ length: count }, (_, i) => ({
    sender: { id: `igsid-${run}-${i % CUSTOMERS}` },
    recipient: { id: ACCOUNT_ID },
    timestamp: start + i,
    message: { mid: `mid-${run}-${i}`, text: `Message ${i} of a long delivery, with a little more text so the batch weighs about a megabyte.` },
  }));
  return metaJsonStringify({ object: 'instagram', entry: [{ id: ACCOUNT_ID, time: start + count, messaging }] });
}

async function postSigned(raw: string) {
  const response = await fetch(`${braid.url}/webhooks/instagram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, TEST_APP_SECRET) },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as { outcome: string } };
}

/**
 * Watches the next grouped transaction of the store (the ingest's): `started` resolves when the
 * delivery's unit of work begins, and `committed` says whether its transaction has committed.
 */
function watchNextIngestTransaction() {
  const store = braid.ctx.store;
  const original = store.groupedTransaction;
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const state = { started, committed: false, restore: () => void (store.groupedTransaction = original) };
  store.groupedTransaction = async <T>(work: (repos: Repositories) => Promise<T>): Promise<T> => {
    state.restore();
    const result = await original((repos) => {
      markStarted();
      return work(repos);
    });
    state.committed = true;
    return result;
  };
  return state;
}

describe('a large webhook delivery', () => {
  it('keeps the process answering while it is applied, and is stored whole', async ({ annotate }) => {
    const raw = instagramDelivery('big', MESSAGES);
    expect(raw.length).toBeGreaterThan(900_000);
    const watch = watchNextIngestTransaction();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const answered: string[] = [];
    const note = <T>(what: string, promise: Promise<T>) =>
      promise.then((value) => {
        answered.push(what);
        return { value, beforeCommit: !watch.committed };
      });
    delay.enable();
    try {
      const delivery = note('delivery', postSigned(raw));
      await watch.started;
      const health = note('health', fetch(`${braid.url}/healthz`).then((r) => r.status));
      const me = note('me', agentApi.get('/api/auth/me').then((r) => r.status));
      const list = note('list', agentApi.get('/api/conversations').then((r) => ({ status: r.status, conversations: r.body.conversations.length })));
      // A write and another delivery meanwhile wait for the big one's commit, then go through.
      const write = note('write', adminApi.patch('/api/workspace/settings', { inviteExpiryHours: 48 }).then((r) => r.status));
      const small = note('small delivery', postSigned(instagramDelivery('small', 3)));

      const results = await Promise.all([health, me, list, write, small, delivery]);
      delay.disable();
      await annotate(`event loop held at most ${(delay.max / 1e6).toFixed(0)} ms while a delivery of ${MESSAGES} messages was received and applied (${braid.dialect})`);

      const [healthResult, meResult, listResult, writeResult, smallResult, deliveryResult] = results;
      expect(healthResult).toEqual({ value: 200, beforeCommit: true });
      expect(meResult).toEqual({ value: 200, beforeCommit: true });
      // Reads meanwhile see the state before the delivery: none of its conversations yet.
      expect(listResult).toEqual({ value: { status: 200, conversations: 0 }, beforeCommit: true });
      expect(answered.indexOf('health')).toBeLessThan(answered.indexOf('delivery'));
      expect(writeResult.value).toBe(200);
      expect(smallResult.value).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'accepted' }) });
      expect(deliveryResult.value).toEqual({ status: 200, body: expect.objectContaining({ outcome: 'accepted' }) });
    } finally {
      watch.restore();
      delay.disable();
    }
    const db = braid.ctx.store.kysely;
    const count = async (prefix: string) =>
      Number((await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('external_id', 'like', `${prefix}%`).executeTakeFirstOrThrow()).n);
    expect(await count('mid-big-')).toBe(MESSAGES);
    expect(await count('mid-small-')).toBe(3);
  }, 120_000);
});
