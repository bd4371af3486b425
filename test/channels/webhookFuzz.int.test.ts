import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

/**
 * Webhooks come from the open internet and Meta changes its payloads: whatever a correctly signed
 * body says, Braid answers 200 (a rejected delivery is recorded, never a 5xx that makes Meta retry
 * forever), writes exactly one delivery row, and never leaves half of an event behind.
 */

let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

const IG = '17841400000000001';
const T = Date.UTC(2026, 10, 27, 9, 0, 0);

const igPayload = (i: number) => ({
  object: 'instagram',
  entry: [{
    id: IG,
    time: T + i,
    messaging: [
      { sender: { id: `90000000000${i % 7}` }, recipient: { id: IG }, timestamp: T + i, message: { mid: `m.fuzz.${i}`, text: `text ${i}`, attachments: undefined } },
      { sender: { id: IG }, recipient: { id: `90000000000${i % 7}` }, timestamp: T + i + 1, message: { mid: `m.echo.${i}`, text: 'echo', is_echo: true } },
      { sender: { id: `90000000000${i % 7}` }, recipient: { id: IG }, timestamp: T + i + 2, reaction: { mid: `m.fuzz.${i}`, action: 'react', reaction: 'love', emoji: '❤' } },
      { sender: { id: `90000000000${i % 7}` }, recipient: { id: IG }, timestamp: T + i + 3, read: { mid: `m.echo.${i}` } },
    ],
  }],
});

const waPayload = (i: number) => ({
  object: 'whatsapp_business_account',
  entry: [{
    id: '102290129340398',
    changes: [{
      field: 'messages',
      value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
        contacts: [{ profile: { name: 'Fuzz' }, wa_id: `35191000000${i % 5}`, user_id: `PT.${i % 5}` }],
        messages: [
          { from: `35191000000${i % 5}`, from_user_id: `PT.${i % 5}`, id: `wamid.fuzz.${i}`, timestamp: String(Math.floor(T / 1000) + i), type: 'text', text: { body: `m${i}` } },
          { from: `35191000000${i % 5}`, id: `wamid.img.${i}`, timestamp: String(Math.floor(T / 1000) + i), type: 'image', image: { id: 'media1', mime_type: 'image/jpeg' } },
        ],
        statuses: [{ id: `wamid.fuzz.${i - 1}`, status: 'failed', timestamp: String(Math.floor(T / 1000) + i), errors: [{ code: 131047, title: 'Re-engagement message' }] }],
      },
    }],
  }],
});

/** Replaces one node (chosen by a random walk) of a JSON value with arbitrary JSON, or deletes it. */
function mutate(value: unknown, steps: number[], replacement: unknown, remove: boolean): unknown {
  if (steps.length === 0 || typeof value !== 'object' || value === null) return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[steps[0] % keys.length];
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as never) : { ...(value as Record<string, unknown>) };
  if (remove && steps.length === 1 && !Array.isArray(value)) {
    delete copy[key];
    return copy;
  }
  copy[key] = mutate((value as Record<string, unknown>)[key], steps.slice(1), replacement, remove);
  return copy;
}

const strangeScalars = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u0000', '\ud800', 1e308, -1, 2 ** 63, '99999999999999999999', '', null, [], {}),
);

type Target = 'instagram' | 'whatsapp';
const target = fc.constantFrom<Target>('instagram', 'whatsapp');
const valid = (i: number, channel: Target) => (channel === 'instagram' ? igPayload(i) : waPayload(i));
/** [where it is posted, what is posted]: mostly a real payload with one deep node broken. */
const delivery = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(target, fc.nat(10_000), fc.array(fc.nat(), { minLength: 3, maxLength: 9 }), strangeScalars, fc.boolean())
    .map(([channel, i, steps, replacement, remove]) => [channel, mutate(valid(i, channel), steps, replacement, remove), false] as const) },
  { weight: 2, arbitrary: fc.tuple(target, fc.nat(10_000)).map(([channel, i]) => [channel, valid(i, channel), true] as const) },
  { weight: 1, arbitrary: fc.tuple(target, fc.jsonValue(), fc.constant(false)) },
  { weight: 1, arbitrary: fc.tuple(target, fc.string({ unit: 'binary' }), fc.constant(false)) },
);

async function integrity() {
  const db = env.braid.ctx.store.kysely;
  const orphans = await sql<{ problem: string; n: number }>`
    select 'identity without contact' as problem, count(*) as n from identities i left join contacts c on c.id = i.contact_id where c.id is null
    union all select 'identity without conversation', count(*) from identities i left join conversations v on v.identity_id = i.id where v.id is null
    union all select 'message without conversation', count(*) from messages m left join conversations v on v.id = m.conversation_id where v.id is null
    union all select 'conversation with messages but no summary', count(*) from conversations v where v.last_message_at is null and exists (select 1 from messages m where m.conversation_id = v.id and m.direction <> 'system')
  `.execute(db);
  return Object.fromEntries(orphans.rows.map((r) => [r.problem, Number(r.n)]));
}

describe('signed webhooks with random and mutated payloads', () => {
  it('never answer 5xx, always record one delivery, and never store half an event', async () => {
    const deliveries = () => env.braid.ctx.store.repos.deliveries.count();
    await fc.assert(
      fc.asyncProperty(delivery, async ([channel, payload, untouched]) => {
        const before = await deliveries();
        const response = await env.postWebhook(channel, payload);
        expect(response.status, `${response.status} ${response.text}`).toBe(200);
        expect(await deliveries()).toBe(before + 1);
        // A real payload among the broken ones is never collateral damage.
        if (untouched) expect(JSON.parse(response.text).outcome, response.text).toBe('accepted');
      }),
      { numRuns: 150 },
    );
    expect(Object.values(await integrity()).every((n) => n === 0), JSON.stringify(await integrity())).toBe(true);
    // A body that tripped a bug is also acknowledged (and kept), so look for those explicitly.
    const recorded = await env.braid.ctx.store.repos.deliveries.latest(1000);
    expect(recorded.filter((d) => d.reason?.startsWith('internal error')).map((d) => d.reason)).toEqual([]);
  });
});
