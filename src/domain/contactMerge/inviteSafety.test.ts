import { describe, expect, it } from 'vitest';
import { maskedWhatsAppAccount, maskInviteCode, namesPlausiblyMatch, notMePayload, parseNotMePayload } from './inviteSafety';

describe('names that plausibly belong to one person', () => {
  it('share a word of two letters or more, whatever the case and accents', () => {
    expect(namesPlausiblyMatch('Ana Souza', ['Ana Paula', 'anapaula'])).toBe(true);
    expect(namesPlausiblyMatch('JOSÉ Silva', ['jose.silva'])).toBe(true);
    expect(namesPlausiblyMatch('Zoë', [null, 'zoe_b'])).toBe(true);
  });

  it('do not match when no word is shared, or only one letter is', () => {
    expect(namesPlausiblyMatch('Zoltan Quarrington', ['Alice Martin', 'alice.martin'])).toBe(false);
    expect(namesPlausiblyMatch('A B', ['A Costa'])).toBe(false);
  });

  it('cannot be compared, and so are not held against the customer, when one side has no name', () => {
    expect(namesPlausiblyMatch(null, ['Alice Martin'])).toBe(true);
    expect(namesPlausiblyMatch('Zoltan', [null, null])).toBe(true);
    expect(namesPlausiblyMatch('🙂', ['Alice'])).toBe(true);
  });
});

describe('what the customer and the thread are shown', () => {
  it('masks the number to its last four digits, or names the username', () => {
    expect(maskedWhatsAppAccount({ phone: '+351 912 345 678', username: null })).toBe('the WhatsApp number ending in 5678');
    expect(maskedWhatsAppAccount({ phone: null, username: '@@ana' })).toBe('the WhatsApp account @ana');
    expect(maskedWhatsAppAccount({ phone: null, username: null })).toBe('a WhatsApp account');
  });

  it('keeps only the last group of a code', () => {
    expect(maskInviteCode('7K3Q-9PXM-2D4R-8VNA')).toBe('••••-••••-••••-8VNA');
  });

  it('reads back only the payloads it wrote', () => {
    expect(parseNotMePayload(notMePayload('m1', 'tok'))).toEqual({ mergeId: 'm1', token: 'tok' });
    expect(parseNotMePayload('NOT_ME:m1')).toBeNull();
    expect(parseNotMePayload('NOT_ME:m1:tok:extra')).toBeNull();
    expect(parseNotMePayload('AGENT')).toBeNull();
    expect(parseNotMePayload(undefined)).toBeNull();
  });
});
