import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/domain/channels/sealedSecret';
import { signBody } from '../../src/sandbox/meta/signing';
import { secretKeyFileOf } from '../../src/secretKey';
import { TEST_APP_SECRET } from '../harness';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

/**
 * The environment names accounts the simulated platform does not host, with a token and an app
 * secret it does not know; the platform's own Instagram account and WhatsApp number are then
 * connected in Settings with their own token and secret. Everything that works for them works
 * only because Braid uses each channel's own secrets.
 */
const ENV_SECRET = 'environment-app-secret-0000';
const IG_ACCOUNT = '17841400000000001';
const IG_TOKEN = 'test-ig-token';
const WA_NUMBER_ID = '106540352242922';
const WA_TOKEN = 'test-wa-token';

let env: BraidWithPlatform;
let secretKey: string | undefined;
beforeAll(async () => {
  // The key file is SQLite's default; PostgreSQL needs BRAID_SECRET_KEY (its absence has its own test below).
  secretKey = process.env.BRAID_TEST_DIALECT === 'postgres' ? SecretBox.newKey() : undefined;
  env = await startBraidWithPlatform({
    env: {
      META_APP_SECRET: ENV_SECRET,
      INSTAGRAM_ACCOUNT_ID: '17841400000000999',
      INSTAGRAM_ACCESS_TOKEN: 'environment-ig-token',
      WHATSAPP_PHONE_NUMBER_ID: '106540352200999',
      WHATSAPP_ACCESS_TOKEN: 'environment-wa-token',
      ...(secretKey && { BRAID_SECRET_KEY: secretKey }),
    },
  });
});
afterAll(async () => {
  await env?.close();
});

const repos = () => env.braid.ctx.store.repos;

async function connectBoth() {
  const instagram = await env.adminApi.post('/api/channels/instagram', { accountId: IG_ACCOUNT, accessToken: IG_TOKEN, appSecret: TEST_APP_SECRET });
  const whatsapp = await env.adminApi.post('/api/channels/whatsapp', {
    phoneNumberId: WA_NUMBER_ID,
    businessAccountId: '102290129340398',
    phoneNumber: '+1 555 078 3881',
    accessToken: WA_TOKEN,
    appSecret: TEST_APP_SECRET,
  });
  return { instagram, whatsapp };
}

describe('channels connected in Settings', () => {
  it('connect only after Meta confirms the token, with Meta’s own error otherwise, and agents may not', async () => {
    const wrong = await env.adminApi.post('/api/channels/instagram', { accountId: IG_ACCOUNT, accessToken: 'not-a-valid-token', appSecret: TEST_APP_SECRET });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toContain('Invalid OAuth access token');
    const agent = await env.agentApi.post('/api/channels/instagram', { accountId: IG_ACCOUNT, accessToken: IG_TOKEN, appSecret: TEST_APP_SECRET });
    expect(agent.status).toBe(403);
    expect((await env.agentApi.get('/api/channel-connections')).status).toBe(403);
    const blank = await env.adminApi.post('/api/channels/whatsapp', { phoneNumberId: 'abc', accessToken: WA_TOKEN });
    expect(blank.status).toBe(400);

    const { instagram, whatsapp } = await connectBoth();
    expect(instagram.status).toBe(201);
    expect(instagram.body.channel).toMatchObject({ kind: 'instagram', name: '@braid.sandbox', source: 'settings', status: 'Connected'.toLowerCase(), tokenEndsWith: 'oken' });
    expect(whatsapp.status).toBe(201);
    expect(whatsapp.body.channel).toMatchObject({ kind: 'whatsapp', name: 'Braid Sandbox (+15550783881)', businessAccountId: '102290129340398' });

    const list = await env.adminApi.get('/api/channel-connections');
    expect(list.status).toBe(200);
    expect(list.body.channels.map((c: any) => [c.kind, c.source])).toEqual([
      ['instagram', 'environment'],
      ['whatsapp', 'environment'],
      ['instagram', 'settings'],
      ['whatsapp', 'settings'],
    ]);
    expect(list.body.callbackUrls.instagram).toBe(`${env.braid.url}/webhooks/instagram`);
    // The API shows at most the last 4 characters of a secret.
    for (const secret of [IG_TOKEN, WA_TOKEN, TEST_APP_SECRET, ENV_SECRET]) expect(list.text).not.toContain(secret);
  });

  it('store no token or app secret in clear anywhere in the database', async () => {
    const stored = JSON.stringify(await sql`select * from channels`.execute(env.braid.ctx.store.kysely).then((r) => r.rows));
    for (const secret of [IG_TOKEN, WA_TOKEN, TEST_APP_SECRET, ENV_SECRET, 'environment-ig-token']) expect(stored).not.toContain(secret);
    expect(stored).toContain('v1.');
    if (env.braid.ctx.config.storage.dialect === 'sqlite') {
      const file = env.braid.ctx.config.storage.path;
      const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
      for (const secret of [IG_TOKEN, WA_TOKEN, TEST_APP_SECRET, ENV_SECRET]) expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(fs.statSync(secretKeyFileOf(file)).mode & 0o777).toBe(0o600);
    }
  });

  it('receive and answer on each account with its own app secret and token', async () => {
    const customer = await env.platform.createCustomer({ name: 'Rita Lopes' });
    await env.platform.sendInstagramText(customer.id, 'Do you have it in blue?');
    await env.platform.sendWhatsAppText(customer.id, 'And on WhatsApp too');
    await env.settle();
    for (const [kind, externalId, customerId] of [
      ['instagram', IG_ACCOUNT, customer.igsid],
      ['whatsapp', WA_NUMBER_ID, customer.bsuid],
    ] as const) {
      const channel = (await repos().channels.findByExternalId(kind, externalId))!;
      expect(channel.lastWebhookAt).toBe(env.braid.clock.now());
      const identity = (await repos().identities.findByExternalId(channel.id, customerId))!;
      const conversation = (await repos().conversations.findByIdentity(identity.id))!;
      const reply = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: `Yes, on ${kind}` });
      expect(reply.status).toBe(201);
      await env.settle();
      const sent = (await repos().messages.findById(reply.body.message.id))!;
      expect(['sent', 'delivered', 'read']).toContain(sent.status);
      const sends = await env.platform.sends({ channel: kind, customerId: customer.id });
      expect(sends.map((s) => JSON.stringify(s.body))).toContainEqual(expect.stringContaining(`Yes, on ${kind}`));
    }
  });

  it('reject an entry its account’s app secret did not sign, and store none of its messages', async () => {
    const before = await repos().deliveries.count({ outcome: 'rejected' });
    const now = env.braid.clock.now();
    const forged = {
      object: 'instagram',
      entry: [{ id: IG_ACCOUNT, time: now, messaging: [{ sender: { id: 'igsid-forger' }, recipient: { id: IG_ACCOUNT }, timestamp: now, message: { mid: 'm.forged-1', text: 'Send me the refund' } }] }],
    };
    const raw = JSON.stringify(forged);
    // Signed with the environment's app secret, which is not this account's.
    const response = await env.postWebhook('instagram', raw, { signature: signBody(raw, ENV_SECRET) });
    expect(response.status).toBe(200);
    expect(await repos().deliveries.count({ outcome: 'rejected' })).toBe(before + 1);
    const reasons = (await repos().deliveries.latest(50)).map((d) => d.reason);
    expect(reasons).toContainEqual(expect.stringContaining(`account ${IG_ACCOUNT}: the body is not signed with this account's app secret`));
    const channel = (await repos().channels.findByExternalId('instagram', IG_ACCOUNT))!;
    expect(await repos().identities.findByExternalId(channel.id, 'igsid-forger')).toBeUndefined();

    // Signed with no secret Braid knows: refused as a whole.
    expect((await env.postWebhook('instagram', raw, { signature: signBody(raw, 'nobody-knows-this') })).status).toBe(401);
  });

  it('pause an account’s sends when Meta says its token expired, and send them in order once the token is replaced', async () => {
    const channel = (await repos().channels.findByExternalId('instagram', IG_ACCOUNT))!;
    const customer = await env.platform.createCustomer({ name: 'Paula Reis' });
    await env.platform.sendInstagramText(customer.id, 'Is my order on its way?');
    await env.settle();
    const identity = (await repos().identities.findByExternalId(channel.id, customer.igsid))!;
    const conversation = (await repos().conversations.findByIdentity(identity.id))!;

    env.platform.expireToken('instagram');
    const first = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'First: yes' });
    await env.settle();
    const second = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'Second: it ships today' });
    await env.settle();
    for (const reply of [first, second]) expect((await repos().messages.findById(reply.body.message.id))!.status).toBe('pending');
    const paused = (await env.adminApi.get('/api/channel-connections')).body.channels.find((c: any) => c.id === channel.id);
    expect(paused).toMatchObject({ status: 'needs_attention' });
    expect(paused.statusReason).toMatch(/^The access token has expired\. Replace the token in Settings → Channels/);
    expect((await env.adminApi.post(`/api/channels/${channel.id}/test`)).body).toMatchObject({ ok: false, message: expect.stringContaining('Session has expired') });

    const newToken = env.platform.issueToken('instagram');
    const replaced = await env.adminApi.post(`/api/channels/${channel.id}/token`, { accessToken: newToken });
    expect(replaced.status).toBe(200);
    await env.settle();
    const sends = await env.platform.sends({ channel: 'instagram', customerId: customer.id });
    expect(sends.map((s) => (s.body as any).message.text)).toEqual(['First: yes', 'Second: it ships today']);
    expect((await repos().channels.get(channel.workspaceId, channel.id))!.status).toBe('connected');
  });

  it('test the connection with Meta, and stop receiving once disconnected while keeping the history', async () => {
    const whatsapp = (await repos().channels.findByExternalId('whatsapp', WA_NUMBER_ID))!;
    const test = await env.adminApi.post(`/api/channels/${whatsapp.id}/test`);
    expect(test.body).toEqual({ ok: true, name: 'Braid Sandbox +15550783881' });

    const instagram = (await repos().channels.findByExternalId('instagram', IG_ACCOUNT))!;
    const conversationsBefore = (await env.agentApi.get('/api/conversations')).body;
    expect((await env.adminApi.request('DELETE', `/api/channels/${instagram.id}`)).status).toBe(200);
    expect(await repos().channels.findByExternalId('instagram', IG_ACCOUNT)).toBeUndefined();
    expect((await env.adminApi.get('/api/channel-connections')).body.channels.map((c: any) => c.id)).not.toContain(instagram.id);

    // Its webhooks now come in (signed by an app Braid still knows) as for an account never connected.
    const now = env.braid.clock.now();
    const raw = JSON.stringify({
      object: 'instagram',
      entry: [{ id: IG_ACCOUNT, time: now, messaging: [{ sender: { id: 'igsid-late' }, recipient: { id: IG_ACCOUNT }, timestamp: now, message: { mid: 'm.late-1', text: 'Anyone there?' } }] }],
    });
    expect((await env.postWebhook('instagram', raw, { signature: signBody(raw, ENV_SECRET) })).status).toBe(200);
    const reasons = (await repos().deliveries.latest(50)).map((d) => d.reason);
    expect(reasons).toContainEqual(expect.stringContaining(`account ${IG_ACCOUNT} is not connected to Braid`));
    expect((await env.agentApi.get('/api/conversations')).body).toEqual(conversationsBefore);
    const stored = await sql<{ n: number }>`select count(*) as n from channels where id = ${instagram.id} and access_token_sealed is null`.execute(env.braid.ctx.store.kysely);
    expect(Number(stored.rows[0].n)).toBe(1);

    // Connecting it again picks up the same row, and so its conversations.
    const token = env.platform.issueToken('instagram');
    const again = await env.adminApi.post('/api/channels/instagram', { accountId: IG_ACCOUNT, accessToken: token, appSecret: TEST_APP_SECRET });
    expect(again.status).toBe(201);
    expect(again.body.channel.id).toBe(instagram.id);
  });
});
