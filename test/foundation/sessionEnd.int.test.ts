import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/plugins/auth';
import { createWorkspace, TEST_PASSWORD } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { ApiClient } from '../http';
import { openEventStream } from '../sse';

let braid: TestBraid;
/** A second Braid process on the same database, as behind a load balancer. */
let other: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
  other = await startTestBraid({}, { sameDatabaseAs: braid });
});
afterAll(async () => {
  await other?.close();
  await braid?.close();
});

/** Signs in and returns the raw Cookie header value, as an attacker who copied it would hold it. */
async function capturedCookie(email: string): Promise<string> {
  const response = await new ApiClient(braid.url).post('/api/auth/login', { email, password: TEST_PASSWORD });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie')!.split(';')[0];
  expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
  return cookie;
}

/** /api/auth/me from a client that has nothing but the given Cookie header. */
async function meWith(target: TestBraid, cookie: string) {
  return new ApiClient(target.url).request('GET', '/api/auth/me', undefined, { cookie });
}

describe('ending a session', () => {
  it('signing out ends the session on every process: the copied cookie no longer signs in', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    const cookie = await capturedCookie(agent.email);
    expect((await meWith(braid, cookie)).status).toBe(200);
    expect((await meWith(other, cookie)).status).toBe(200);

    const signedOut = await new ApiClient(braid.url).request('POST', '/api/auth/logout', {}, { cookie });
    expect(signedOut.status).toBe(204);

    expect((await meWith(braid, cookie)).status).toBe(401);
    expect((await meWith(other, cookie)).status).toBe(401);
  });

  it('signing out on one process ends the session on the others', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    const cookie = await capturedCookie(agent.email);
    expect((await new ApiClient(other.url).request('POST', '/api/auth/logout', {}, { cookie })).status).toBe(204);
    expect((await meWith(braid, cookie)).status).toBe(401);
    expect((await meWith(other, cookie)).status).toBe(401);
  });

  it('disabling an agent ends every session of theirs on every process, and enabling them again does not revive one', async () => {
    const { admin, agent } = await createWorkspace(braid.ctx);
    const cookies = [await capturedCookie(agent.email), await capturedCookie(agent.email)];
    for (const cookie of cookies) expect((await meWith(other, cookie)).status).toBe(200);

    const adminApi = new ApiClient(braid.url);
    await adminApi.signIn(admin.email, TEST_PASSWORD);
    expect((await adminApi.patch(`/api/users/${agent.id}`, { disabled: true })).status).toBe(200);
    for (const cookie of cookies) {
      expect((await meWith(braid, cookie)).status).toBe(401);
      expect((await meWith(other, cookie)).status).toBe(401);
    }
    expect((await new ApiClient(other.url).post('/api/auth/login', { email: agent.email, password: TEST_PASSWORD })).status).toBe(401);

    expect((await adminApi.patch(`/api/users/${agent.id}`, { disabled: false })).status).toBe(200);
    for (const cookie of cookies) {
      expect((await meWith(braid, cookie)).status).toBe(401);
      expect((await meWith(other, cookie)).status).toBe(401);
    }
    // The admin's own session was not touched.
    expect((await adminApi.get('/api/auth/me')).status).toBe(200);
  });
});

/** Whether the stream ends within `ms` (real time: streams re-check their session every few seconds). */
async function endsWithin(stream: { ended: Promise<void> }, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const ended = await Promise.race([stream.ended.then(() => true as const), timeout]);
  clearTimeout(timer);
  return ended;
}

describe('live event streams of an ended session', () => {
  it('end when the session signs out, on every process', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    const cookie = await capturedCookie(agent.email);
    const here = await openEventStream(braid.url, cookie);
    const there = await openEventStream(other.url, cookie);
    try {
      await here.next('ready');
      await there.next('ready');
      expect((await new ApiClient(braid.url).request('POST', '/api/auth/logout', {}, { cookie })).status).toBe(204);
      expect(await endsWithin(here, 10_000)).toBe(true);
      expect(await endsWithin(there, 10_000)).toBe(true);
    } finally {
      here.close();
      there.close();
    }
  });

  it('end when an admin disables the agent, on every process, while other agents’ streams go on', async () => {
    const { admin, agent } = await createWorkspace(braid.ctx);
    const adminApi = new ApiClient(braid.url);
    await adminApi.signIn(admin.email, TEST_PASSWORD);
    const agentStream = await openEventStream(other.url, await capturedCookie(agent.email));
    const adminStream = await openEventStream(other.url, adminApi.cookie);
    try {
      await agentStream.next('ready');
      await adminStream.next('ready');
      expect((await adminApi.patch(`/api/users/${agent.id}`, { disabled: true })).status).toBe(200);
      expect(await endsWithin(agentStream, 10_000)).toBe(true);
      expect(await endsWithin(adminStream, 1_000)).toBe(false);
    } finally {
      agentStream.close();
      adminStream.close();
    }
  });
});
