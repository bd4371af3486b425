import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseInstagramWebhook } from './instagram/webhook';
import { parseWhatsAppWebhook } from './whatsapp/webhook';

/**
 * Meta's payloads change under us and arrive from the open internet: the parsers must answer
 * for any input, and must never lose a valid item because a neighbour in the batch is broken.
 */

const BUSINESS = '17841400000000001';
const igItem = (i: number) => ({
  sender: { id: `100000000000${String(i).padStart(4, '0')}` },
  recipient: { id: BUSINESS },
  timestamp: 1767225600000 + i,
  message: { mid: `aWdf${i}`, text: `hello ${i}` },
});
const igPayload = (items: unknown[]) => ({ object: 'instagram', entry: [{ id: BUSINESS, time: 1767225600000, messaging: items }] });

const waMessage = (i: number) => ({ from: '351912345678', from_user_id: 'PT.1', id: `wamid.${i}`, timestamp: '1767225661', type: 'text', text: { body: `m${i}` } });
const waPayload = (messages: unknown[], statuses: unknown[] = []) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: '2' }, contacts: [{ wa_id: '351912345678', user_id: 'PT.1', profile: { name: 'A' } }], messages, statuses } }] }],
});

/** Replaces one node (chosen by a random walk) of a JSON value with arbitrary JSON, or deletes it. */
function mutate(value: unknown, steps: number[], replacement: unknown, remove: boolean): unknown {
  if (steps.length === 0 || typeof value !== 'object' || value === null) return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[steps[0] % keys.length];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  if (remove && steps.length === 1 && !Array.isArray(copy)) {
    delete copy[key];
    return copy;
  }
  (copy as Record<string, unknown>)[key] = mutate((value as Record<string, unknown>)[key], steps.slice(1), replacement, remove);
  return copy;
}

const parsers = [
  ['instagram', parseInstagramWebhook, igPayload([igItem(1), { ...igItem(2), reaction: { mid: 'x', action: 'react', emoji: '👍' } }])],
  ['whatsapp', parseWhatsAppWebhook, waPayload([waMessage(1)], [{ id: 'wamid.9', status: 'sent', timestamp: '1', recipient_id: '3' }])],
] as const;

describe.each(parsers)('%s parser robustness', (_name, parse, valid) => {
  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (json) => {
      const result = parse(json);
      // The parsers keep a last-resort catch; reaching it would mean a schema let something slip.
      if (!result.ok) expect(result.reason).not.toMatch(/^unparseable/);
    }), { numRuns: 500 });
  });

  it('never throws on arbitrary values, including non-JSON ones', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      const result = parse(value);
      if (!result.ok) expect(result.reason).not.toMatch(/^unparseable/);
    }), { numRuns: 300 });
  });

  it('never throws on random mutations of a valid payload', () => {
    fc.assert(fc.property(
      fc.array(fc.nat(20), { minLength: 1, maxLength: 8 }),
      fc.oneof(fc.jsonValue(), fc.constant({ toString: false, valueOf: false })),
      fc.boolean(),
      (steps, replacement, remove) => {
        const result = parse(mutate(valid, steps, replacement, remove));
        if (!result.ok) expect(result.reason).not.toMatch(/^unparseable/);
        else for (const event of result.events) expect(typeof event.eventKey).toBe('string');
      },
    ), { numRuns: 3000 });
  });
});

describe('no valid event is lost in a batch', () => {
  const garbage = fc.oneof(fc.jsonValue(), fc.constant({ sender: {} }), fc.constant({ id: 3 }));

  it('instagram: every valid item comes out, in order, whatever is interleaved', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), garbage), { maxLength: 30 }), (slots) => {
      const items = slots.map(([valid, junk], i) => (valid ? igItem(i) : junk));
      const result = parseInstagramWebhook(igPayload(items));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const expected = slots.flatMap(([valid], i) => (valid ? [`aWdf${i}`] : []));
      const got = result.events.map((e) => ('externalId' in e ? e.externalId : ''));
      // Junk that happens to be an object with sender/recipient may also surface as "unsupported"; valid ones must all be there.
      expect(got.filter((id) => id.startsWith('aWdf'))).toEqual(expected);
    }));
  });

  it('whatsapp: every valid message comes out, in order, whatever is interleaved', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), garbage), { maxLength: 30 }), (slots) => {
      const messages = slots.map(([valid, junk], i) => (valid ? waMessage(i) : junk));
      const result = parseWhatsAppWebhook(waPayload(messages));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const expected = slots.flatMap(([valid], i) => (valid ? [`wamid.${i}`] : []));
      expect(result.events.map((e) => ('externalId' in e ? e.externalId : ''))).toEqual(expected);
      expect(result.events.length + result.rejected.length).toBe(slots.length);
    }));
  });
});
