import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContactSnapshot, type IdentitySnapshot, findMergeSuggestions, nameMatchKey } from './mergePlan';

const contact = (id: string, over: Partial<ContactSnapshot> = {}): ContactSnapshot => ({
  id, workspaceId: 'w1', name: null, email: null, phone: null, attributes: {}, marketingConsent: 'unknown',
  mergedIntoId: null, createdAt: 0, updatedAt: 0, ...over,
});
const ig = (contactId: string, over: Partial<IdentitySnapshot> = {}): IdentitySnapshot => ({
  id: `ig-${contactId}`, contactId, channelId: 'ch-ig', kind: 'instagram', externalId: `igsid-${contactId}`, phone: null, username: null, displayName: null, ...over,
});
const wa = (contactId: string, over: Partial<IdentitySnapshot> = {}): IdentitySnapshot => ({
  id: `wa-${contactId}`, contactId, channelId: 'ch-wa', kind: 'whatsapp', externalId: `bsuid-${contactId}`, phone: null, username: null, displayName: null, ...over,
});

const me = contact('me', { name: 'Ana Sílva', email: 'Ana@Mail.pt', phone: '+351 912 345 678' });
const myIdentities = [ig('me', { displayName: 'Ana Sílva' })];

describe('findMergeSuggestions', () => {
  it('finds the same phone, email and name, strongest first', () => {
    const candidates = [
      { contact: contact('name', { name: 'ana silva' }), identities: [wa('name')] },
      { contact: contact('phone'), identities: [wa('phone', { phone: '351912345678' })] },
      { contact: contact('email', { email: ' ana@mail.pt ' }), identities: [ig('email')] },
      { contact: contact('all', { name: 'ANA SILVA', email: 'ana@mail.pt', phone: '00351912345678' }), identities: [wa('all')] },
      { contact: contact('stranger', { name: 'Rui Costa', phone: '+351 933 000 111' }), identities: [wa('stranger')] },
    ];
    const found = findMergeSuggestions(me, myIdentities, candidates);
    expect(found.map((s) => s.contactId)).toEqual(['all', 'phone', 'email', 'name']);
    expect(found[0].reasons).toEqual([
      { kind: 'same_phone', phone: '351912345678' },
      { kind: 'same_email', email: 'ana@mail.pt' },
      { kind: 'same_name', name: 'ANA SILVA' },
    ]);
    expect(found[1].reason).toBe('Same phone number +351912345678.');
    expect(found[3].reason).toBe('Same name “ana silva” on Instagram and WhatsApp.');
  });

  it('a name counts only across the two channels', () => {
    const sameChannel = [{ contact: contact('x', { name: 'Ana Silva' }), identities: [ig('x')] }];
    expect(findMergeSuggestions(me, myIdentities, sameChannel)).toEqual([]);
  });

  it('never suggests the contact itself, tombstones, other workspaces or dismissed pairs', () => {
    const phone = '351912345678';
    const candidates = [
      { contact: contact('me', { phone }), identities: [] },
      { contact: contact('tomb', { phone, mergedIntoId: 'me' }), identities: [] },
      { contact: contact('elsewhere', { phone, workspaceId: 'w2' }), identities: [] },
      { contact: contact('dismissed', { phone }), identities: [] },
      { contact: contact('dismissed-2', { phone }), identities: [] },
      { contact: contact('ok', { phone }), identities: [] },
    ];
    const dismissed = [{ contactId: 'me', otherContactId: 'dismissed' }, { contactId: 'dismissed-2', otherContactId: 'me' }];
    expect(findMergeSuggestions(me, myIdentities, candidates, dismissed).map((s) => s.contactId)).toEqual(['ok']);
    expect(findMergeSuggestions(contact('me', { phone, mergedIntoId: 'x' }), [], candidates)).toEqual([]);
  });

  it('junk phones, junk emails and weak names are never evidence', () => {
    const junk = contact('junk-me', { name: 'Instagram User', email: 'noreply@shop.com', phone: '0000000000' });
    const candidates = [
      { contact: contact('a', { phone: '0000000000' }), identities: [wa('a', { phone: '0000000000' })] },
      { contact: contact('b', { email: 'noreply@shop.com' }), identities: [] },
      { contact: contact('c', { name: 'Instagram User' }), identities: [wa('c')] },
    ];
    expect(findMergeSuggestions(junk, [ig('junk-me', { displayName: 'Ana' })], candidates)).toEqual([]);
    const maria = [{ contact: contact('m', { name: 'Maria' }), identities: [wa('m')] }];
    expect(findMergeSuggestions(contact('me2', { name: 'Maria' }), [ig('me2')], maria)).toEqual([]);
  });

  it('nameMatchKey folds case and accents and refuses weak names', () => {
    expect(nameMatchKey('  Ána   SILVA 🌸 ')).toBe('ana silva');
    expect(nameMatchKey('Ana')).toBeNull();
    expect(nameMatchKey('Al B')).toBeNull();
    expect(nameMatchKey('WhatsApp user')).toBeNull();
    expect(nameMatchKey(null)).toBeNull();
  });

  it('is symmetric for phones and never includes the contact itself (property)', () => {
    const phone = fc.constantFrom('351912345678', '+351 912 345 678', '15550783881', null);
    const someContact = (id: string) => fc.record({ phone, email: fc.constantFrom('a@b.pt', 'c@d.pt', null) }).map((o) => contact(id, o));
    fc.assert(
      fc.property(someContact('x'), someContact('y'), (x, y) => {
        const xy = findMergeSuggestions(x, [], [{ contact: y, identities: [] }, { contact: x, identities: [] }]);
        const yx = findMergeSuggestions(y, [], [{ contact: x, identities: [] }]);
        expect(xy.map((s) => s.contactId)).toEqual(yx.map(() => 'y'));
        expect(xy.some((s) => s.contactId === 'x')).toBe(false);
      }),
    );
  });
});
