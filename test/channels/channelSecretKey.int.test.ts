import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInWorkspace } from '../factories';
import { startTestBraid, testDialect, type TestBraid } from '../harness';

/** Without BRAID_SECRET_KEY (and without META_VERIFY_TOKEN): what each database makes of it. */
let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid({ META_VERIFY_TOKEN: '' });
});
afterAll(async () => {
  await braid?.close();
});

describe('the instance key', () => {
  it.runIf(testDialect() === 'postgres')('is required on PostgreSQL to connect a channel, and the refusal says how to set it', async () => {
    const { adminApi } = await signedInWorkspace(braid);
    const response = await adminApi.post('/api/channels/instagram', { accountId: '17841400000000001', accessToken: 'IGQVJ-token-1234', appSecret: 'app-secret-1234' });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'secret_key_missing', message: expect.stringContaining('Set BRAID_SECRET_KEY') });
    const list = await adminApi.get('/api/channel-connections');
    expect(list.body).toMatchObject({ canConnect: false, verifyToken: null });
  });

  it.runIf(testDialect() === 'sqlite')('is made on SQLite, and gives the workspace a verify token Meta’s handshake is accepted with', async () => {
    const { adminApi, workspace: own } = await signedInWorkspace(braid);
    const list = await adminApi.get('/api/channel-connections');
    expect(list.body.canConnect).toBe(true);
    expect(list.body.verifyToken).toBe(braid.ctx.secrets!.derive(`webhook-verify-token:${own.id}`));
    // The handshake names no workspace: the token of the instance's first workspace is the one.
    const first = (await braid.ctx.store.repos.workspaces.first())!;
    const token = braid.ctx.secrets!.derive(`webhook-verify-token:${first.id}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const ok = await fetch(`${braid.url}/webhooks/instagram?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=4242`);
    expect([ok.status, await ok.text()]).toEqual([200, '4242']);
    const wrong = await fetch(`${braid.url}/webhooks/instagram?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=4242`);
    expect(wrong.status).toBe(403);
  });
});
