import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ContactSnapshot, type Consent, type IdentitySnapshot, type MergeInput, describeMergeConflict, isBlank, mergeRefusal,
  planMerge, sameValue, stricterConsent,
} from './mergePlan';

const contact = (id: string, over: Partial<ContactSnapshot> = {}): ContactSnapshot => ({
  id, workspaceId: 'w1', name: null, email: null, phone: null, attributes: {}, marketingConsent: 'unknown',
  mergedIntoId: null, createdAt: 1_000, updatedAt: 2_000, ...over,
});
const identity = (id: string, contactId: string, kind: 'instagram' | 'whatsapp', over: Partial<IdentitySnapshot> = {}): IdentitySnapshot => ({
  id, contactId, channelId: kind === 'instagram' ? 'ch-ig' : 'ch-wa', kind, externalId: `ext-${id}`, phone: null, username: null, displayName: null, ...over,
});
const input = (over: Partial<MergeInput> = {}): MergeInput => ({
  survivor: contact('ig-contact', { name: 'Ana Silva' }),
  other: contact('wa-contact', { name: 'Ana', phone: '351912345678' }),
  survivorIdentities: [identity('ig1', 'ig-contact', 'instagram', { username: 'ana.silva' })],
  otherIdentities: [identity('wa1', 'wa-contact', 'whatsapp', { phone: '351912345678' })],
  survivorTags: ['vip'],
  otherTags: ['lead', 'vip'],
  ...over,
});

describe('planMerge: the seed flow', () => {
  it('merges a WhatsApp contact into the Instagram contact', () => {
    const plan = planMerge({ ...input(), otherNoteIds: ['n1'], now: 5_000 });
    expect(plan.refused).toBe(false);
    expect(plan.needsAgent).toBe(false);
    expect(plan.merged).toMatchObject({ id: 'ig-contact', name: 'Ana Silva', phone: '351912345678', mergedIntoId: null, updatedAt: 5_000 });
    expect(plan.tombstone).toEqual({ id: 'wa-contact', mergedIntoId: 'ig-contact' });
    expect(plan.identitiesToMove).toEqual(['wa1']);
    expect(plan.notesToMove).toEqual(['n1']);
    expect(plan.tagsUnion).toEqual(['vip', 'lead']);
    expect(plan.tagsToAdd).toEqual(['lead']);
    expect(plan.conflicts).toEqual([
      { kind: 'attribute_differs', severity: 'info', field: 'name', kept: 'Ana Silva', other: 'Ana', otherKeptAs: null },
    ]);
  });
});

describe('planMerge: attributes', () => {
  it('survivor keeps its values, blanks are filled, differences are reported', () => {
    const plan = planMerge(input({
      survivor: contact('a', { email: '  ', attributes: { plan: 'gold', city: '', size: { w: 1, h: 2 } } }),
      other: contact('b', { email: 'ana@mail.pt', attributes: { plan: 'silver', city: 'Porto', lang: 'pt', size: { h: 2, w: 1 }, empty: null } }),
      survivorIdentities: [], otherIdentities: [],
    }));
    expect(plan.merged.email).toBe('ana@mail.pt');
    expect(plan.merged.attributes).toEqual({ plan: 'gold', city: 'Porto', lang: 'pt', size: { w: 1, h: 2 } });
    expect(plan.conflicts.filter((c) => c.kind === 'attribute_differs').map((c) => c.kind === 'attribute_differs' && c.field)).toEqual(['plan']);
  });

  it('a different email is kept under additional_emails, a phone on a WhatsApp identity stays there', () => {
    const plan = planMerge(input({
      survivor: contact('a', { email: 'ana@work.pt', phone: '+44 20 7946 0958' }),
      other: contact('b', { email: 'ANA@home.pt', phone: '351912345678' }),
    }));
    expect(plan.merged.email).toBe('ana@work.pt');
    expect(plan.merged.attributes.additional_emails).toEqual(['ANA@home.pt']);
    expect(plan.merged.attributes.additional_phones).toBeUndefined();
    const phone = plan.conflicts.find((c) => c.kind === 'attribute_differs' && c.field === 'phone')!;
    expect(describeMergeConflict(phone)).toBe('The contacts have different values for phone: “+44 20 7946 0958” is kept and “351912345678” stays on the WhatsApp identity.');
  });

  it('the same email or phone written differently is not a difference', () => {
    const plan = planMerge(input({
      survivor: contact('a', { email: 'Ana@Mail.pt', phone: '+351 912 345 678' }),
      other: contact('b', { email: 'ana@mail.pt', phone: '351912345678' }),
    }));
    expect(plan.conflicts).toEqual([]);
  });

  it('consent keeps the stricter value', () => {
    const consents: Consent[] = ['granted', 'unknown', 'denied'];
    for (const a of consents) for (const b of consents) {
      const merged = planMerge(input({ survivor: contact('a', { marketingConsent: a }), other: contact('b', { marketingConsent: b }) })).merged;
      expect(merged.marketingConsent).toBe(consents[Math.max(consents.indexOf(a), consents.indexOf(b))]);
    }
    expect(stricterConsent('granted', 'denied')).toBe('denied');
  });

  const value = fc.oneof(fc.constant(null), fc.constant(''), fc.string({ maxLength: 5 }), fc.integer(), fc.boolean());
  const attrs = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), value);
  const consent = fc.constantFrom<Consent>('granted', 'unknown', 'denied');
  const snapshot = (id: string) =>
    fc.record({ name: fc.option(fc.string({ maxLength: 6 })), email: fc.option(fc.emailAddress()), phone: fc.option(fc.stringMatching(/^[1-9]\d{8,11}$/)), attributes: attrs, marketingConsent: consent })
      .map((over) => contact(id, over));

  it('nothing is lost: every value of both contacts is kept, filled, or reported (property)', () => {
    fc.assert(
      fc.property(snapshot('a'), snapshot('b'), fc.array(fc.string(), { maxLength: 4 }), fc.array(fc.string(), { maxLength: 4 }), (survivor, other, sTags, oTags) => {
        const plan = planMerge({ survivor, other, survivorIdentities: [], otherIdentities: [], survivorTags: sTags, otherTags: oTags });
        for (const [key, v] of Object.entries(survivor.attributes)) if (!isBlank(v)) expect(plan.merged.attributes[key]).toEqual(v);
        for (const [key, v] of Object.entries(other.attributes)) {
          if (isBlank(v)) continue;
          const kept = sameValue(plan.merged.attributes[key], v);
          const reported = plan.conflicts.some((c) => c.kind === 'attribute_differs' && c.field === key && sameValue(c.other, v));
          expect(kept || reported).toBe(true);
        }
        for (const field of ['name', 'email', 'phone'] as const) {
          if (!isBlank(survivor[field])) expect(plan.merged[field]).toBe(survivor[field]);
          else if (!isBlank(other[field])) expect(plan.merged[field]).toBe(other[field]);
        }
        expect(new Set(plan.tagsUnion)).toEqual(new Set([...sTags, ...oTags]));
        expect(plan.tagsUnion.length).toBe(new Set(plan.tagsUnion).size);
        // The stricter of the two: a "denied" anywhere wins, then "unknown", and "granted" only from both.
        const rank: Record<Consent, number> = { granted: 0, unknown: 1, denied: 2 };
        const stricter = rank[other.marketingConsent] > rank[survivor.marketingConsent] ? other.marketingConsent : survivor.marketingConsent;
        expect(plan.merged.marketingConsent).toBe(stricter);
        expect(plan.merged.id).toBe('a');
        expect(plan.refused).toBe(false);
      }),
    );
  });
});

describe('planMerge: conflicts', () => {
  it('different workspaces are refused outright', () => {
    const plan = planMerge(input({ other: contact('b', { workspaceId: 'w2' }) }));
    expect(plan.refused).toBe(true);
    expect(mergeRefusal(plan)?.message).toBe('These contacts are in different workspaces, so they can never be merged.');
    expect(mergeRefusal(plan)?.status).toBe(409);
  });

  it('the same contact and tombstones are refused', () => {
    const same = planMerge(input({ other: contact('ig-contact') }));
    expect(same.conflicts.map((c) => c.kind)).toContain('same_contact');
    const tomb = planMerge(input({ other: contact('b', { name: 'Old Ana', mergedIntoId: 'c' }) }));
    expect(tomb.refused).toBe(true);
    expect(mergeRefusal(tomb)?.message).toBe('“Old Ana” was already merged into another contact; merge with that contact instead.');
    expect(mergeRefusal(planMerge(input()))).toBeNull();
  });

  it('two Instagram identities ask the agent, even though nothing is refused', () => {
    const plan = planMerge(input({
      otherIdentities: [identity('ig2', 'wa-contact', 'instagram', { username: 'ana_2' }), identity('wa1', 'wa-contact', 'whatsapp')],
    }));
    expect(plan.refused).toBe(false);
    expect(plan.needsAgent).toBe(true);
    const conflict = plan.conflicts.find((c) => c.kind === 'two_identities')!;
    expect(describeMergeConflict(conflict)).toBe(
      'After this merge the contact would have 2 Instagram accounts (@ana.silva and @ana_2). Merge only if they are the same person.',
    );
  });

  it('two WhatsApp identities ask the agent', () => {
    const plan = planMerge(input({
      survivorIdentities: [identity('wa0', 'ig-contact', 'whatsapp', { phone: '15550001111' })],
      otherIdentities: [identity('wa1', 'wa-contact', 'whatsapp', { phone: '351912345678' })],
    }));
    const conflict = plan.conflicts.find((c) => c.kind === 'two_identities')!;
    expect(conflict).toMatchObject({ channelKind: 'whatsapp', severity: 'ask' });
    expect(describeMergeConflict(conflict)).toContain('2 WhatsApp accounts (+15550001111 and +351912345678)');
  });

  /** Identities of one kind spread over the two contacts: each is on the survivor's side or the other's. */
  const identitiesOf = (kind: 'instagram' | 'whatsapp', count: number) =>
    fc.array(
      fc.record({
        onSurvivor: fc.boolean(),
        username: fc.option(fc.stringMatching(/^[a-z][a-z0-9._]{0,10}$/)),
        phone: fc.option(fc.stringMatching(/^[1-9]\d{8,11}$/)),
      }),
      { minLength: count, maxLength: count },
    ).map((specs) => specs.map((spec, i) => ({ ...spec, identity: identity(`${kind}-${i}`, spec.onSurvivor ? 'ig-contact' : 'wa-contact', kind, { username: spec.username, phone: spec.phone }) })));
  const planFor = (identities: { onSurvivor: boolean; identity: ReturnType<typeof identity> }[]) =>
    planMerge(input({
      survivorIdentities: identities.filter((i) => i.onSurvivor).map((i) => i.identity),
      otherIdentities: identities.filter((i) => !i.onSurvivor).map((i) => i.identity),
    }));

  it('at most one identity per kind across both contacts never asks (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 }).chain((n) => identitiesOf('instagram', n)), fc.integer({ min: 0, max: 1 }).chain((n) => identitiesOf('whatsapp', n)), (ig, wa) => {
        const plan = planFor([...ig, ...wa]);
        expect(plan.refused).toBe(false);
        expect(plan.needsAgent).toBe(false);
      }),
    );
  });

  it('a merge that brings a second identity of one kind always asks, naming that kind (property)', () => {
    const kinds = fc.constantFrom('instagram' as const, 'whatsapp' as const);
    const case_ = kinds.chain((kind) =>
      fc.record({
        kind: fc.constant(kind),
        // At least two of this kind, the first coming from the merged-away contact.
        many: fc.integer({ min: 2, max: 4 }).chain((n) => identitiesOf(kind, n)).map(([first, ...rest]) => [{ ...first, onSurvivor: false, identity: { ...first.identity, contactId: 'wa-contact' } }, ...rest]),
        few: fc.integer({ min: 0, max: 1 }).chain((n) => identitiesOf(kind === 'instagram' ? 'whatsapp' : 'instagram', n)),
      }),
    );
    fc.assert(
      fc.property(case_, ({ kind, many, few }) => {
        const plan = planFor([...many, ...few]);
        expect(plan.needsAgent).toBe(true);
        expect(plan.conflicts.filter((c) => c.kind === 'two_identities').map((c) => (c as { channelKind: string }).channelKind)).toEqual([kind]);
      }),
    );
  });
});
