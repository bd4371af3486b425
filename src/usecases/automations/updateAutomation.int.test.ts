import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedInWorkspace } from '../../../test/factories';
import { startTestBraid, type TestBraid } from '../../../test/harness';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

it('moves an automation to a position, and refuses one that is not a whole number from 0 to 10000', async () => {
  const ws = await signedInWorkspace(braid);
  const [hi] = (await ws.adminApi.get('/api/automations')).body.automations;

  const moved = await ws.adminApi.patch(`/api/automations/${hi.id}`, { position: 3 });
  expect(moved.status, moved.text).toBe(200);
  expect(moved.body.automation.position).toBe(3);

  // Past the column's range these answered 500 on PostgreSQL (and were stored as they came on SQLite).
  for (const position of [-1, 1.5, 10_001, 2 ** 31, 2 ** 53 + 2, 1e300, '2']) {
    const refused = await ws.adminApi.patch(`/api/automations/${hi.id}`, { position });
    expect(refused.status, `${position}: ${refused.text}`).toBe(400);
    expect(refused.body.error.message).toBe('position must be a whole number from 0 (the first automation of the channel) to 10000.');
  }
  expect((await ws.adminApi.get(`/api/automations/${hi.id}`)).body.automation.position).toBe(3);
});
