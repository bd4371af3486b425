import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, freshDatabaseUrl } from '../../../test/databases';
import { testDialect } from '../../../test/harness';
import { openDatabase } from '../database';
import { createStore, type Store } from '../store';
import { definePlatformStateContractTests } from '../../sandbox/meta/state.contract';
import type { PlatformState } from '../../sandbox/meta/state';

/**
 * The sandbox repository, as the simulated platform's state, keeps every guarantee of the in-memory one, on the dialect
 * under test. Each contract case gets an empty database (a copy of the migrated template), since
 * the contract expects a state with nothing in it.
 */
const opened: { store: Store; url: string }[] = [];

async function freshState(): Promise<PlatformState> {
  const url = await freshDatabaseUrl(testDialect(), inject('databaseTemplate'));
  const storage = url.startsWith('sqlite:') ? { dialect: 'sqlite' as const, path: url.slice('sqlite:'.length) } : { dialect: 'postgres' as const, url };
  const store = createStore(await openDatabase(storage));
  opened.push({ store, url });
  return store.repos.sandbox;
}

afterAll(async () => {
  for (const { store, url } of opened) {
    await store.close();
    await dropDatabase(url);
  }
});

definePlatformStateContractTests(`database (${testDialect()})`, freshState);

describe('database platform state ordering', () => {
  it('lists messages of the same millisecond in insertion order, whatever their ids', async () => {
    const state = await freshState();
    const at = 1_700_000_000_000;
    for (const id of ['z', 'm', 'a']) {
      await state.insertMessage({ id, customerId: 'c', channel: 'instagram', direction: 'to_customer', externalId: `mid.${id}`, body: {}, status: 'sent', createdAt: at });
    }
    await state.insertMessage({ id: 'early', customerId: 'c', channel: 'instagram', direction: 'to_customer', externalId: 'mid.early', body: {}, status: 'sent', createdAt: at - 1 });
    expect((await state.listMessages({ customerId: 'c' })).map((m) => m.id)).toEqual(['early', 'z', 'm', 'a']);
  });
});
