import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBraid, type TestBraid } from '../../test/harness';
import { newId } from '../domain/shared/ids';
import { createCommitGroup } from './commitGroup';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

const delivery = (id: string) => ({ id, channelKind: 'instagram', channelId: null, receivedAt: 1, body: '{}', outcome: 'accepted' as const, reason: null, events: 0 });

describe('commit group', () => {
  it('runs units that arrive together in one transaction, and a failing unit fails alone', async () => {
    const group = createCommitGroup(braid.ctx.store);
    const ids = [newId(), newId(), newId()];
    const outcomes = await Promise.allSettled([
      group.run(async (repos) => {
        await repos.deliveries.insert(delivery(ids[0]));
        return 'first';
      }),
      group.run(async (repos) => {
        await repos.deliveries.insert(delivery(ids[1]));
        throw new Error('this unit is broken');
      }),
      group.run(async (repos) => {
        await repos.deliveries.insert(delivery(ids[2]));
        return 'third';
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[0]).toMatchObject({ value: 'first' });
    expect(outcomes[2]).toMatchObject({ value: 'third' });
    const stored = await braid.ctx.store.kysely.selectFrom('deliveries').select('id').where('id', 'in', ids).execute();
    expect(stored.map((r) => r.id).sort()).toEqual([ids[0], ids[2]].sort());
  });

  it('shares one commit among units queued while a transaction runs', async () => {
    const group = createCommitGroup(braid.ctx.store);
    let commits = 0;
    braid.ctx.store.onCommit(() => (commits += 1));
    const before = commits;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        group.run(async (repos) => {
          await repos.jobs.enqueue({ kind: 'test.noop', payload: {} }, braid.clock.now());
        }),
      ),
    );
    expect(commits - before).toBe(1);
  });
});
