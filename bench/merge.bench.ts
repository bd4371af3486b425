/**
 * Merge time against history size: a contact pair with 10, 10k and 100k messages, merged (and
 * undone, so the next round merges the same rows) several times on SQLite and on PostgreSQL.
 * Prints the median merge time per size and the ratio 100k/10; the target is ≤ 2, because a merge
 * re-points identities and never touches messages.
 *
 * PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test);
 * a scratch database is created next to it and dropped afterwards. Set BENCH_SKIP_POSTGRES=1 to skip.
 */
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import pino from 'pino';
import { storageFrom } from '../src/config';
import type { AppContext } from '../src/context';
import { systemClock } from '../src/domain/shared/clock';
import { newId } from '../src/domain/shared/ids';
import { openDatabase } from '../src/store/database';
import { migrateToLatest } from '../src/store/migrate';
import type { Channel } from '../src/store/repositories/channels';
import type { MessageTable } from '../src/store/schema';
import { createStore, type Store } from '../src/store/store';
import { mergeContacts } from '../src/usecases/contactMerge/mergeContacts';
import { undoMerge } from '../src/usecases/contactMerge/undoMerge';
import { onEachDatabase } from './lib/databases';

const SIZES = [10, 10_000, 100_000];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

async function main() {
  const results: Record<string, number[]> = {};
  await onEachDatabase('merge', async ({ label, url }) => {
    results[label] = await run(await openDatabase(storageFrom(url)));
  });

  const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(10);
  console.log(`\nMerge time, median of ${ROUNDS} merges (each undone before the next):`);
  console.log(`${'database'.padEnd(12)}${SIZES.map((s) => `${s.toLocaleString('en')} msgs`.padStart(15)).join('')}   ratio 100k/10`);
  for (const [dialect, times] of Object.entries(results)) {
    const ratio = times[times.length - 1] / times[0];
    console.log(`${dialect.padEnd(12)}${times.map((t) => ms(t).padStart(15)).join('')}   ${ratio.toFixed(2)} ${ratio <= 2 ? '(≤ 2: independent of history)' : '(> 2: check the merge path)'}`);
  }
}

async function run(db: Awaited<ReturnType<typeof openDatabase>>): Promise<number[]> {
  await migrateToLatest(db);
  const store = createStore(db);
  const ctx = { store, clock: systemClock, logger: pino({ level: 'silent' }) } as unknown as AppContext;
  try {
    const now = Date.now();
    const workspace = await store.repos.workspaces.create({ id: newId(), name: 'Bench' }, now);
    const instagram = await store.repos.channels.create({ id: newId(), workspaceId: workspace.id, kind: 'instagram', name: 'Instagram', externalId: `ig-${newId()}` }, now);
    const whatsapp = await store.repos.channels.create({ id: newId(), workspaceId: workspace.id, kind: 'whatsapp', name: 'WhatsApp', externalId: `wa-${newId()}` }, now);
    const pairs = [];
    for (const size of SIZES) pairs.push(await seedPair(store, instagram, whatsapp, size));
    if (store.dialect === 'postgres') await db.executeQuery({ sql: 'analyze', parameters: [], query: { kind: 'RawNode' } } as never);

    const medians: number[] = [];
    for (const [i, pair] of pairs.entries()) {
      const times: number[] = [];
      for (let round = 0; round < ROUNDS + 1; round++) {
        const started = performance.now();
        const { merge } = await mergeContacts(ctx, { workspaceId: workspace.id, contactId: pair.ig, withContactId: pair.wa, actor: { type: 'system', id: null }, confirmed: false });
        const elapsed = performance.now() - started;
        if (round > 0) times.push(elapsed); // the first round warms caches and prepared plans
        await undoMerge(ctx, { workspaceId: workspace.id, mergeId: merge.id, actor: { type: 'system', id: null } });
      }
      times.sort((a, b) => a - b);
      medians.push(times[Math.floor(times.length / 2)]);
      console.log(`${store.dialect}: ${SIZES[i].toLocaleString('en')} messages, merges ${times.map((t) => t.toFixed(1)).join(' ')} ms`);
    }
    return medians;
  } finally {
    await store.close();
  }
}

/** One Instagram and one WhatsApp contact, each with half the messages; rows go in 1,000 per statement. */
async function seedPair(store: Store, instagram: Channel, whatsapp: Channel, size: number) {
  const started = performance.now();
  const ids: Record<'instagram' | 'whatsapp', string> = { instagram: '', whatsapp: '' };
  const batches: Insertable<MessageTable>[][] = [];
  const repos = store.repos;
  for (const channel of [instagram, whatsapp]) {
      const now = Date.now();
      const contact = await repos.contacts.create({ id: newId(), workspaceId: channel.workspaceId, name: `${channel.kind} ${size}` }, now);
      const identity = await repos.identities.create(
        { id: newId(), workspaceId: channel.workspaceId, contactId: contact.id, channelId: channel.id, kind: channel.kind, externalId: newId(), phone: null, username: null, displayName: null },
        now,
      );
      const conversation = await repos.conversations.create({ id: newId(), workspaceId: channel.workspaceId, identityId: identity.id, channelId: channel.id, kind: channel.kind }, now);
      ids[channel.kind] = contact.id;
      const count = size / 2;
      for (let offset = 0; offset < count; offset += 1000) {
        const rows = Array.from({ length: Math.min(1000, count - offset) }, (_, k): Insertable<MessageTable> => {
          const id = newId();
          const n = offset + k;
          return {
            id, workspace_id: channel.workspaceId, conversation_id: conversation.id, channel_id: channel.id, kind: channel.kind,
            direction: n % 2 ? 'outbound' : 'inbound', external_id: `bench-${id}`, type: 'text', text: `message ${n}`, payload: '{}',
            status: n % 2 ? 'sent' : 'received', error_code: null, error_title: null, author_id: null, sent_by: n % 2 ? 'agent' : 'customer',
            platform_ts: now - count + n, created_at: now,
          };
        });
        batches.push(rows);
      }
  }
  // One transaction for all rows: the seeding is not what is measured.
  await store.kysely.transaction().execute(async (trx) => {
    for (const rows of batches) await trx.insertInto('messages').values(rows).execute();
  });
  console.log(`${store.dialect}: seeded ${size.toLocaleString('en')} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { ig: ids.instagram, wa: ids.whatsapp };
}


main().catch((error) => {
  console.error(error);
  process.exit(1);
});
