import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLiveEventCursor } from '../../src/domain/events/liveEventCursor';
import { createWorkspace, TEST_PASSWORD } from '../factories';
import { startTestBraid, testDialect, type TestBraid } from '../harness';
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
    // An id is a cursor: the highest event id sent first, then lower ones the tab has already seen.
    expect(parseLiveEventCursor(second.id).afterId).toBeGreaterThan(parseLiveEventCursor(first.id).afterId);
    const two = await braid.ctx.store.repos.users.findByEmail('a-two@braid.test');
    const three = await braid.ctx.store.repos.users.findByEmail('a-three@braid.test');
    expect([first.data, second.data]).toEqual([{ userId: two!.id }, { userId: three!.id }]);
    resumed.close();
  });

  // PostgreSQL runs transactions side by side: T1 takes the lower event id, T2 the higher one,
  // and T2 commits first. A stream that keeps "the highest id sent" would drop T1's event live
  // (lower than what it sent) and on a reconnect (replay "after" T2's id).
  it.runIf(testDialect() === 'postgres')('delivers an event whose transaction commits after a later one, live and on reconnect', async () => {
    const { workspace, admin: user } = await createWorkspace(braid.ctx, { channels: false });
    const admin = new ApiClient(braid.url);
    await admin.signIn(user.email, TEST_PASSWORD);
    const stream = await openEventStream(braid.url, admin.cookie);
    await stream.next('ready');
    const now = braid.clock.now();
    // A transaction of another workspace stays open throughout (as busy servers always have one):
    // every event below is written while it is open, so a replay must tell them apart by what
    // the tab has seen, not by a transaction horizon alone.
    const other = await createWorkspace(braid.ctx, { channels: false });
    let bystanderStarted!: () => void;
    const bystanderOpen = new Promise<void>((resolve) => (bystanderStarted = resolve));
    let endBystander!: () => void;
    const bystanderMayEnd = new Promise<void>((resolve) => (endBystander = resolve));
    const bystander = braid.ctx.store.transaction(async (repos) => {
      await repos.events.record(other.workspace.id, 'test.bystander', {}, now);
      bystanderStarted();
      await bystanderMayEnd;
    });
    await bystanderOpen;

    let recordedFirst!: (id: number) => void;
    const firstRecorded = new Promise<number>((resolve) => (recordedFirst = resolve));
    let commitFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (commitFirst = resolve));
    const t1 = braid.ctx.store.transaction(async (repos) => {
      const event = await repos.events.record(workspace.id, 'test.first', { n: 1 }, now);
      recordedFirst(event.id);
      await firstMayCommit;
    });
    const firstId = await firstRecorded;
    const second = await braid.ctx.store.transaction((repos) => repos.events.record(workspace.id, 'test.second', { n: 2 }, now));
    expect(firstId).toBeLessThan(second.id);
    const seenSecond = await stream.next('test.second');
    commitFirst();
    await t1;

    expect((await stream.next('test.first')).data).toEqual({ n: 1 });
    stream.close();

    // A tab that saw T2's event and then lost its connection gets T1's event on reconnect, and
    // not T2's again.
    const resumed = await openEventStream(braid.url, admin.cookie, seenSecond.id);
    expect((await resumed.next('test.first')).data).toEqual({ n: 1 });
    const third = await braid.ctx.store.transaction((repos) => repos.events.record(workspace.id, 'test.third', { n: 3 }, now));
    const seenThird = await resumed.next('test.third');
    expect(resumed.events.map((e) => e.event)).toEqual(['test.first', 'test.third']);
    resumed.close();

    // And a tab that saw both resumes with nothing to replay.
    const again = await openEventStream(braid.url, admin.cookie, seenThird.id);
    await braid.ctx.store.transaction((repos) => repos.events.record(workspace.id, 'test.fourth', { n: 4 }, now));
    await again.next('test.fourth');
    expect(again.events.map((e) => e.event)).toEqual(['test.fourth']);
    expect(third.id).toBeGreaterThan(second.id);
    again.close();
    endBystander();
    await bystander;
  });

  it('refuses a stream without a session', async () => {
    const response = await fetch(`${braid.url}/api/events`);
    expect(response.status).toBe(401);
  });
});
