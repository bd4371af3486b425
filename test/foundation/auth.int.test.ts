import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, TEST_PASSWORD } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { ApiClient } from '../http';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

describe('sign-in and sessions', () => {
  it('signs an admin in, answers /me, and signs out', async () => {
    const { admin, workspace } = await createWorkspace(braid.ctx);
    const client = new ApiClient(braid.url);
    const wrong = await client.post('/api/auth/login', { email: admin.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual({ code: 'invalid_credentials', message: 'The email or password is not correct.' });

    const user = await client.signIn(admin.email.toUpperCase(), TEST_PASSWORD);
    expect(user).toMatchObject({ id: admin.id, role: 'admin' });
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.workspace.id).toBe(workspace.id);

    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('keeps the session cookie HttpOnly and SameSite=Lax', async () => {
    const { admin } = await createWorkspace(braid.ctx);
    const response = await new ApiClient(braid.url).post('/api/auth/login', { email: admin.email, password: TEST_PASSWORD });
    // Only the attributes after the name=value pair: the random session value could spell anything.
    const attributes = response.headers.get('set-cookie')!.split(';').slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).not.toContain('secure');
  });

  it('limits failed sign-ins per account with a clear 429, even for the right password', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    const client = new ApiClient(braid.url);
    for (let i = 0; i < 5; i++) {
      expect((await client.post('/api/auth/login', { email: agent.email, password: `guess ${i}` })).status).toBe(401);
    }
    const limited = await client.post('/api/auth/login', { email: agent.email, password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/Try again in 15 minutes/);
    braid.clock.advance(16 * 60 * 1000);
    expect((await client.post('/api/auth/login', { email: agent.email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('refuses an expired session with a message saying so', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    const client = new ApiClient(braid.url);
    await client.signIn(agent.email, TEST_PASSWORD);
    braid.clock.advance(15 * 24 * 60 * 60 * 1000);
    const response = await client.get('/api/auth/me');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('session_expired');
    braid.clock.set(Date.UTC(2026, 10, 27, 9, 0, 0));
  });
});

describe('roles and workspaces', () => {
  it('lets an admin create an agent who can sign in but cannot manage agents', async () => {
    const { admin } = await createWorkspace(braid.ctx);
    const adminClient = new ApiClient(braid.url);
    await adminClient.signIn(admin.email, TEST_PASSWORD);
    const created = await adminClient.post('/api/users', { email: 'new.agent@braid.test', name: 'New Agent', role: 'agent', password: 'a long password' });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email: 'new.agent@braid.test', role: 'agent' });
    const again = await adminClient.post('/api/users', { email: 'new.agent@braid.test', name: 'Twin', role: 'agent', password: 'a long password' });
    expect(again.status).toBe(409);

    const agentClient = new ApiClient(braid.url);
    await agentClient.signIn('new.agent@braid.test', 'a long password');
    const refused = await agentClient.post('/api/users', { email: 'x@braid.test', name: 'X', role: 'admin', password: 'a long password' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/Only admins/);
    const list = await adminClient.get('/api/users');
    expect(list.body.users.map((u: { email: string }) => u.email)).toContain('new.agent@braid.test');
  });

  it('answers 404 for another workspace’s ids', async () => {
    const a = await createWorkspace(braid.ctx);
    const b = await createWorkspace(braid.ctx);
    const client = new ApiClient(braid.url);
    await client.signIn(a.admin.email, TEST_PASSWORD);
    const response = await client.patch(`/api/users/${b.agent.id}`, { name: 'Hijacked' });
    expect(response.status).toBe(404);
    expect((await braid.ctx.store.repos.users.get(b.workspace.id, b.agent.id))!.name).toBe(b.agent.name);
    const list = await client.get('/api/users');
    expect(list.body.users.map((u: { id: string }) => u.id)).not.toContain(b.agent.id);
  });
});

describe('bad input', () => {
  it('refuses a cross-origin or origin-less state-changing request', async () => {
    const { admin } = await createWorkspace(braid.ctx);
    const evil = new ApiClient(braid.url, 'https://evil.example');
    const response = await evil.post('/api/auth/login', { email: admin.email, password: TEST_PASSWORD });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('cross_site_request');

    const signedIn = new ApiClient(braid.url);
    await signedIn.signIn(admin.email, TEST_PASSWORD);
    const noOrigin = new ApiClient(braid.url, null);
    noOrigin.cookie = signedIn.cookie;
    const forged = await noOrigin.post('/api/users', { email: 'csrf@braid.test', name: 'C', role: 'admin', password: 'a long password' });
    expect(forged.status).toBe(403);
    expect(await braid.ctx.store.repos.users.findByEmail('csrf@braid.test')).toBeUndefined();
  });

  it('answers malformed JSON, wrong types, oversized bodies and unknown routes with 4xx messages', async () => {
    const { admin } = await createWorkspace(braid.ctx);
    const client = new ApiClient(braid.url);
    await client.signIn(admin.email, TEST_PASSWORD);
    const malformed = await client.request('POST', '/api/users', '{"email": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/not valid JSON/);
    const wrongType = await client.post('/api/users', { email: 'ok@braid.test', name: 42, role: 'agent', password: 'a long password' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/name/);
    const huge = await client.post('/api/users', { email: 'big@braid.test', name: 'x'.repeat(400_000), role: 'agent', password: 'a long password' });
    expect(huge.status).toBe(413);
    const unknown = await client.get('/api/does-not-exist');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });

  it('stores SQL-looking strings as plain text', async () => {
    const { admin, workspace } = await createWorkspace(braid.ctx);
    const client = new ApiClient(braid.url);
    await client.signIn(admin.email, TEST_PASSWORD);
    const name = "Robert'); DROP TABLE users; --";
    const created = await client.post('/api/users', { email: 'bobby@braid.test', name, role: 'agent', password: 'a long password' });
    expect(created.status).toBe(201);
    const users = await braid.ctx.store.repos.users.list(workspace.id);
    expect(users.find((u) => u.email === 'bobby@braid.test')!.name).toBe(name);
  });
});

describe('operations endpoints', () => {
  it('serves health, metrics and the OpenAPI document', async () => {
    const client = new ApiClient(braid.url);
    const health = await client.get('/healthz');
    expect(health.body).toEqual({ status: 'ok', database: braid.dialect });
    const metrics = await client.get('/metrics');
    expect(metrics.text).toMatch(/braid_http_requests_total/);
    expect(metrics.text).toMatch(/braid_jobs\{state="queued"\}/);
    const openapi = await client.get('/api/openapi.json');
    expect(openapi.body.paths['/api/users'].post['x-access']).toBe('admin');
    expect((await client.get('/api/docs')).text).toMatch(/Braid API/);
  });
});
