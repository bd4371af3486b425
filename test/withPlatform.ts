import { metaJsonStringify, signBody } from '../src/sandbox/meta/signing';
import { startMetaPlatform, type MetaPlatform, type RunningMetaPlatform } from '../src/sandbox/meta';
import type { DeliveryOptions } from '../src/sandbox/meta';
import type { Channel } from '../src/store/repositories/channels';
import type { User } from '../src/store/repositories/users';
import type { Workspace } from '../src/store/repositories/workspaces';
import { createUser, TEST_PASSWORD } from './factories';
import { startTestBraid, TEST_APP_SECRET, TEST_VERIFY_TOKEN, type TestBraid } from './harness';
import { ApiClient } from './http';

/**
 * Braid and the simulated Meta platform, wired together over real HTTP, for integration tests:
 *
 * - the platform runs on its own port; Braid's Graph clients point at it (INSTAGRAM_API_URL and
 *   WHATSAPP_API_URL), and its webhooks are signed with Braid's app secret and POSTed to Braid's
 *   `/webhooks/instagram` and `/webhooks/whatsapp`;
 * - both share Braid's TestClock, so the platform's 24-hour windows and webhook timestamps agree
 *   with Braid's (advance `braid.clock` and both move);
 * - the workspace is the one Braid bootstraps from its configuration, with both channels
 *   connected, plus an admin and an agent already signed in through `adminApi` / `agentApi`.
 *
 * Typical test:
 *   const env = await startBraidWithPlatform();            // in beforeAll; env.close() in afterAll
 *   const ana = await env.platform.createCustomer({ name: 'Ana' });
 *   await env.platform.sendInstagramText(ana.id, 'Hi');
 *   await env.settle();                                     // webhooks delivered, due jobs run
 *   const list = await env.agentApi.get('/api/conversations');
 *
 * Each test should create its own customers; everything else (delivery switches, injected
 * errors) is state on `platform` that a test sets and should reset (`platform.setDeliveryOptions`).
 */
export interface BraidWithPlatform {
  braid: TestBraid;
  meta: RunningMetaPlatform;
  platform: MetaPlatform;
  workspace: Workspace;
  instagram: Channel;
  whatsapp: Channel;
  admin: User;
  agent: User;
  adminApi: ApiClient;
  agentApi: ApiClient;
  /**
   * POSTs a webhook body of your own to Braid, signed like Meta signs (escaped JSON, HMAC-SHA256
   * with the app secret). `signature: null` sends none; a string sends that header as is.
   */
  postWebhook(channel: 'instagram' | 'whatsapp', body: unknown, options?: { signature?: string | null }): Promise<{ status: number; text: string }>;
  /** Delivers every queued webhook (retries included) and runs every due job, until quiet. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Extra Braid environment (on top of the test defaults). */
  env?: Record<string, string>;
  /** Webhook delivery switches for the platform (batching, duplicates, shuffle, …). */
  delivery?: Partial<DeliveryOptions>;
}

export async function startBraidWithPlatform(options: StartOptions = {}): Promise<BraidWithPlatform> {
  let braid: TestBraid | undefined;
  const meta = await startMetaPlatform({
    appSecret: TEST_APP_SECRET,
    verifyToken: TEST_VERIFY_TOKEN,
    instagramAccountId: '17841400000000001',
    instagramAccessToken: 'test-ig-token',
    whatsappPhoneNumberId: '106540352242922',
    whatsappBusinessAccountId: '102290129340398',
    whatsappDisplayPhoneNumber: '15550783881',
    whatsappAccessToken: 'test-wa-token',
    delivery: options.delivery,
    now: () => (braid ? braid.clock.now() : Date.UTC(2026, 10, 27, 9, 0, 0)),
    advanceTime: (ms) => void braid?.clock.advance(ms),
  });
  try {
    braid = await startTestBraid({ INSTAGRAM_API_URL: meta.graphUrl, WHATSAPP_API_URL: meta.graphUrl, ...options.env });
  } catch (error) {
    await meta.close();
    throw error;
  }
  const running = braid;
  meta.platform.setWebhookUrls({ instagram: `${running.url}/webhooks/instagram`, whatsapp: `${running.url}/webhooks/whatsapp` });

  const { repos } = running.ctx.store;
  const workspace = (await repos.workspaces.first())!;
  const instagram = (await repos.channels.findByKind(workspace.id, 'instagram'))!;
  const whatsapp = (await repos.channels.findByKind(workspace.id, 'whatsapp'))!;
  const admin = await createUser(running.ctx, workspace.id, 'admin');
  const agent = await createUser(running.ctx, workspace.id, 'agent');
  const adminApi = new ApiClient(running.url);
  const agentApi = new ApiClient(running.url);
  await adminApi.signIn(admin.email, TEST_PASSWORD);
  await agentApi.signIn(agent.email, TEST_PASSWORD);

  return {
    braid: running,
    meta,
    platform: meta.platform,
    workspace,
    instagram,
    whatsapp,
    admin,
    agent,
    adminApi,
    agentApi,
    async postWebhook(channel, body, postOptions = {}) {
      const raw = typeof body === 'string' ? body : metaJsonStringify(body);
      const signature = postOptions.signature === undefined ? signBody(raw, TEST_APP_SECRET) : postOptions.signature;
      const response = await fetch(`${running.url}/webhooks/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature !== null && { 'x-hub-signature-256': signature }) },
        body: raw,
      });
      return { status: response.status, text: await response.text() };
    },
    async settle() {
      // A job's send can cause webhooks (echoes, statuses) that cause jobs: go round until quiet.
      let ran = 0;
      for (let round = 0; round < 10; round++) {
        await meta.platform.flush();
        ran = await running.drainJobs();
        if (ran === 0 && meta.platform.delivery.pendingItems() === 0) return;
      }
      // A conversation that never goes quiet is a bug (a job that requeues itself, a webhook loop).
      throw new Error(`not settled after 10 rounds: ${ran} jobs ran in the last one, ${meta.platform.delivery.pendingItems()} webhook items still pending`);
    },
    async close() {
      await meta.close();
      await running.close();
    },
  };
}
