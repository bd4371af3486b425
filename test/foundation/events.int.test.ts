import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, TEST_PASSWORD } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { ApiClient } from '../http';
import { openEventStream } from '../sse';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

describe('GET /api/events', () => {
  it('streams committed events of the user’s workspace only, and replays missed ones by Last-Event-ID', async () => {
    const a = await createWorkspace(braid.ctx);
    const b = await createWorkspace(braid.ctx);
    const admin = new ApiClient(braid.url);
    await admin.signIn(a.admin.email, TEST_PASSWORD);
    const otherAdmin = new ApiClient(braid.url);
    await otherAdmin.signIn(b.admin.email, TEST_PASSWORD);

    const stream = await openEventStream(braid.url, admin.cookie);
    await stream.next('ready');
    await otherAdmin.post('/api/users', { email: 'b-agent@braid.test', name: 'B', role: 'agent', password: 'a long password' });
    await admin.post('/api/users', { email: 'a-agent@braid.test', name: 'A', role: 'agent', password: 'a long password' });
    const created = await stream.next('user.created');
    const userA = await braid.ctx.store.repos.users.findByEmail('a-agent@braid.test');
    expect(created.data).toEqual({ userId: userA!.id });
    stream.close();

    // While the tab is away, two more agents are created; the reconnect gets both, in order.
    await admin.post('/api/users', { email: 'a-two@braid.test', name: 'Two', role: 'agent', password: 'a long password' });
    await admin.post('/api/users', { email: 'a-three@braid.test', name: 'Three', role: 'agent', password: 'a long password' });
    const resumed = await openEventStream(braid.url, admin.cookie, created.id);
    const first = await resumed.next('user.created');
    const second = await resumed.next('user.created');
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    const two = await braid.ctx.store.repos.users.findByEmail('a-two@braid.test');
    const three = await braid.ctx.store.repos.users.findByEmail('a-three@braid.test');
    expect([first.data, second.data]).toEqual([{ userId: two!.id }, { userId: three!.id }]);
    resumed.close();
  });

  it('refuses a stream without a session', async () => {
    const response = await fetch(`${braid.url}/api/events`);
    expect(response.status).toBe(401);
  });
});
