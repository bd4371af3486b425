import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailMatchKey, isJunkEmail, isJunkPhone, normalizeEmail, normalizePhone, phoneMatchKey } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['+351 912-345 678', '351912345678'],
    ['351912345678', '351912345678'],
    ['00351 912 345 678', '351912345678'],
    ['+1 (555) 078-3881', '15550783881'],
    ['(+44) 20 7946 0958', '442079460958'],
    ['  +55.11.91234.5678 ', '5511912345678'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['', '   ', 'call me', '+351 912 abc', '12345', '1234567890123456', '35+1912345678', '0912345678', null, undefined])(
    'refuses %s',
    (input) => {
      expect(normalizePhone(input as string)).toBeNull();
    },
  );

  it('is idempotent and formatting-insensitive', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{6,14}$/), fc.array(fc.constantFrom(' ', '-', '.'), { maxLength: 14 }), (digits, seps) => {
        const spaced = '+' + [...digits].map((d, i) => d + (seps[i] ?? '')).join('');
        expect(normalizePhone(spaced)).toBe(digits);
        expect(normalizePhone(normalizePhone(spaced))).toBe(digits);
      }),
    );
  });
});

describe('junk phones', () => {
  it.each(['0000000000', '1111111', '1234567890', '9876543210', '351000000000', '123'])('%s is junk', (d) => {
    expect(isJunkPhone(d)).toBe(true);
    expect(phoneMatchKey(d)).toBeNull();
  });

  it('real numbers are not junk', () => {
    expect(isJunkPhone('351912345678')).toBe(false);
    expect(phoneMatchKey('+1 555 078 3881')).toBe('15550783881');
  });
});

describe('emails', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ana.Silva@Example.PT ')).toBe('ana.silva@example.pt');
    expect(emailMatchKey('Ana.Silva@Mail.PT')).toBe('ana.silva@mail.pt');
  });

  it.each(['', 'ana', 'ana@', '@mail.pt', 'ana silva@mail.pt', 'ana@mail'])('refuses %s', (input) => {
    expect(normalizeEmail(input)).toBeNull();
  });

  it.each(['noreply@shop.com', 'test@gmail.com', 'ana@example.com', 'x@foo.test', 'n/a@x.com'])('%s is junk', (email) => {
    expect(isJunkEmail(email)).toBe(true);
    expect(emailMatchKey(email)).toBeNull();
  });
});
