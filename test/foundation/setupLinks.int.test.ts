import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecretToken } from '../../src/domain/auth/tokens';
import { newId } from '../../src/domain/shared/ids';
import { issueSetupToken } from '../../src/usecases/auth/issueSetupToken';
import { bootstrapWorkspace } from '../../src/usecases/workspace/bootstrapWorkspace';
import { createUser } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { ApiClient } from '../http';

const DAY = 24 * 60 * 60 * 1000;

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

let counter = 0;
const setupBody = (token: string) => ({ token, email: `first-admin-${counter++}@braid.test`, name: 'First Admin', password: 'a long password' });

/** A workspace with no user yet, as at first start. */
async function emptyWorkspace() {
  return braid.ctx.store.repos.workspaces.create({ id: newId(), name: `Setup ${counter++}` }, braid.clock.now());
}

async function isValid(token: string): Promise<boolean> {
  const response = await new ApiClient(braid.url).get(`/api/auth/setup?token=${encodeURIComponent(token)}`);
  expect(response.status).toBe(200);
  return response.body.valid;
}

const setUp = (token: string) => new ApiClient(braid.url).post('/api/auth/setup', setupBody(token));
const tokenOf = (setupUrl: string) => new URL(setupUrl).searchParams.get('token')!;
const usersIn = async (workspaceId: string) => braid.ctx.store.repos.users.countInWorkspace(workspaceId);

describe('setup links', () => {
  it('each start without users prints a new link and the earlier ones stop working', async () => {
    const first = await bootstrapWorkspace(braid.ctx);
    braid.clock.advance(DAY);
    const second = await bootstrapWorkspace(braid.ctx);
    const [older, newer] = [tokenOf(first.setupUrl!), tokenOf(second.setupUrl!)];
    expect(await isValid(older)).toBe(false);
    expect(await isValid(newer)).toBe(true);

    const refused = await setUp(older);
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe('invalid_setup_link');
    expect(refused.body.error.message).toMatch(/replaced by a newer one/);
    expect(await usersIn(first.workspace.id)).toBe(0);

    expect((await setUp(newer)).status).toBe(200);
    expect((await setUp(newer)).status).toBe(410);
    expect(await usersIn(first.workspace.id)).toBe(1);
  });

  it('no link works once the workspace has a user, however that user was made', async () => {
    const workspace = await emptyWorkspace();
    const token = await issueSetupToken(braid.ctx, workspace.id);
    // E.g. a restart with BRAID_ADMIN_EMAIL set, after the link was printed.
    await createUser(braid.ctx, workspace.id, 'admin');
    expect(await isValid(token)).toBe(false);
    const refused = await setUp(token);
    expect(refused.status).toBe(410);
    expect(refused.body.error.message).toMatch(/already set up/);
    expect(await usersIn(workspace.id)).toBe(1);
  });

  it('processes starting at once leave exactly one working link', async () => {
    const workspace = await emptyWorkspace();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => issueSetupToken(braid.ctx, workspace.id)));
    const valid = await Promise.all(tokens.map(isValid));
    expect(valid.filter(Boolean)).toHaveLength(1);
  });

  it('two setups racing with one link create exactly one admin', async () => {
    const workspace = await emptyWorkspace();
    const token = await issueSetupToken(braid.ctx, workspace.id);
    const responses = await Promise.all([setUp(token), setUp(token)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 410]);
    expect(await usersIn(workspace.id)).toBe(1);
  });

  it('setups racing with two links still valid (printed before links were revoked) create exactly one admin', async () => {
    const workspace = await emptyWorkspace();
    const now = braid.clock.now();
    const tokens = [newSecretToken(), newSecretToken(), newSecretToken()];
    for (const { hash } of tokens) {
      await braid.ctx.store.kysely
        .insertInto('setup_tokens')
        .values({ token_hash: hash, workspace_id: workspace.id, created_at: now, expires_at: now + 7 * DAY })
        .execute();
    }
    const responses = await Promise.all(tokens.map(({ token }) => setUp(token)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 410, 410]);
    expect(await usersIn(workspace.id)).toBe(1);
    for (const { token } of tokens) expect(await isValid(token)).toBe(false);
  });
});
