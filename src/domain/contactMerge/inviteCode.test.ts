import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import {
  CROCKFORD_ALPHABET, buildInviteSentence, buildWaMeUrl, findInviteCodeMatches, findInviteCodes, formatInviteCode, generateInviteCode,
  hashInviteCode, normalizeCode,
} from './inviteCode';

const GROUPED = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

describe('generateInviteCode', () => {
  it('makes grouped Crockford codes with a 2–9 digit in every group', () => {
    for (let i = 0; i < 2000; i++) {
      const code = generateInviteCode();
      expect(code).toMatch(GROUPED);
      for (const group of code.split('-')) expect(group).toMatch(/[2-9]/);
      expect(code.replace(/[^A-Z]/g, '').length).toBeGreaterThanOrEqual(2);
    }
  });

  it('never repeats in 100k codes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(generateInviteCode());
    expect(seen.size).toBe(100_000);
  });

  it('uses the whole alphabet in every position (no stuck bits)', () => {
    const perPosition = Array.from({ length: 16 }, () => new Set<string>());
    for (let i = 0; i < 3000; i++) [...normalizeCode(generateInviteCode())!].forEach((c, p) => perPosition[p].add(c));
    for (const chars of perPosition) expect(chars.size).toBe(CROCKFORD_ALPHABET.length);
  });
});

describe('normalizeCode and formatInviteCode', () => {
  it('maps look-alikes, case and separators to the canonical form', () => {
    expect(normalizeCode('7k3q-9pxm-2d4r-8vna')).toBe('7K3Q9PXM2D4R8VNA');
    expect(normalizeCode(' 7K3Q 9PXM 2D4R 8VNA ')).toBe('7K3Q9PXM2D4R8VNA');
    expect(normalizeCode('O1LI-2222-3333-4444')).toBe('0111222233334444');
    expect(formatInviteCode('7k3q9pxm2d4r8vna')).toBe('7K3Q-9PXM-2D4R-8VNA');
  });

  it('refuses wrong lengths and letters outside the alphabet', () => {
    expect(normalizeCode('7K3Q-9PXM-2D4R')).toBeNull();
    expect(normalizeCode('7K3Q-9PXM-2D4R-8VNU')).toBeNull();
    expect(normalizeCode('7K3Q-9PXM-2D4R-8VNA-2')).toBeNull();
    expect(() => formatInviteCode('nope')).toThrow(AppError);
  });
});

describe('hashInviteCode', () => {
  it('hashes every spelling of a code alike, and differs with a pepper', () => {
    const h = hashInviteCode('7K3Q-9PXM-2D4R-8VNA');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInviteCode('7k3q 9pxm 2d4r 8vna')).toBe(h);
    expect(hashInviteCode('7K3Q-9PXM-2D4R-8VNA', 'pepper')).not.toBe(h);
    expect(hashInviteCode('7K3Q-9PXM-2D4R-8VNA', 'pepper')).toBe(hashInviteCode('7K3Q9PXM2D4R8VNA', 'pepper'));
    expect(hashInviteCode('7K3Q-9PXM-2D4R-8VNB')).not.toBe(h);
  });
  it('refuses non-codes', () => {
    expect(() => hashInviteCode('hello')).toThrow(/invite code/);
  });
});

describe('findInviteCodes', () => {
  const code = '7K3Q-9PXM-2D4R-8VNA';
  const canonical = '7K3Q9PXM2D4R8VNA';

  it.each([
    'Hi! Please link my Instagram chat, code 7K3Q-9PXM-2D4R-8VNA',
    '7k3q9pxm2d4r8vna',
    'code: 7K3Q 9PXM 2D4R 8VNA thanks!',
    'my code is 7K3Q—9PXM–2D4R-8VNA.',
    '(7K3Q.9PXM.2D4R.8VNA)',
    'code7K3Q9PXM2D4R8VNA',
    'Link my chat 7K3Q-9PXM-2D4R-8VNAplease',
    '7K3Q-9PXM-2D4R-8VNA 👋',
  ])('finds the code in %s', (text) => {
    expect(findInviteCodes(text)).toContain(canonical);
  });

  it('maps look-alikes typed by the customer', () => {
    expect(findInviteCodes('code 7K3Q-9PXM-2D4R-8VNA'.replace('7K3Q', '7k3q'))).toEqual([canonical]);
    expect(findInviteCodes('code 2O1I-3L4K-5A6B-7C8D')).toEqual(['2011314K5A6B7C8D']);
  });

  it.each([
    'Hi! Please link my Instagram chat, code',
    'hello there how are you doing today my friend',
    'please link my instagram chat thanks',
    'order 12345 please send 3 items to the address 42 Main Street',
    'internationalization and localization considerations',
    '',
  ])('finds nothing in ordinary text: %s', (text) => {
    expect(findInviteCodes(text)).toEqual([]);
  });

  it('reports digits split around a word only as a loose match', () => {
    const text = 'my number is +351 912 345 678 and 4532 7153 2245 8976';
    expect(findInviteCodeMatches(text).every((m) => m.confidence === 'loose')).toBe(true);
    expect(findInviteCodeMatches('4532 7153 2245 8976 and 1234 5678 ABCD 9012')).toEqual([]);
  });

  it('grades matches: groups of four or one word are exact, other splits loose', () => {
    expect(findInviteCodeMatches('code 7K3Q 9PXM2D4R 8VNA')).toEqual([{ code: canonical, confidence: 'exact' }]);
    expect(findInviteCodeMatches('code 7K3 Q9PXM2D4R 8VNA')).toEqual([{ code: canonical, confidence: 'loose' }]);
    expect(findInviteCodeMatches('code7K3Q9PXM2D4R8VNA')).toContainEqual({ code: canonical, confidence: 'loose' });
  });

  it('finds two different codes in one message', () => {
    const other = generateInviteCode();
    expect(findInviteCodes(`${code} or maybe ${other}`)).toEqual([canonical, normalizeCode(other)]);
  });

  it('round-trips generated codes through typing mistakes and surrounding words', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ!?,.'👋]{1,12}$/u);
    const separator = fc.constantFrom('', '', '', ' ', '-', '  ', ' - ');
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        fc.array(separator, { minLength: 15, maxLength: 15 }),
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        fc.array(word, { maxLength: 4 }),
        fc.array(word, { maxLength: 4 }),
        (lowercase, separators, swapLookalikes, before, after) => {
          const generated = generateInviteCode();
          const chars = [...normalizeCode(generated)!].map((c, i) => {
            let typed = c;
            if (swapLookalikes[i] && c === '0') typed = 'O';
            if (swapLookalikes[i] && c === '1') typed = i % 2 ? 'I' : 'l';
            return lowercase[i] ? typed.toLowerCase() : typed;
          });
          const typedCode = chars.map((c, i) => c + (separators[i] ?? '')).join('');
          const message = [...before, typedCode, ...after].join(' ');
          expect(findInviteCodes(message)).toContain(normalizeCode(generated));
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) },
    );
  });
});

describe('buildInviteSentence', () => {
  it('puts the grouped code in place of {code}', () => {
    expect(buildInviteSentence('Hi! Please link my Instagram chat, code {code}', '7k3q9pxm2d4r8vna')).toBe(
      'Hi! Please link my Instagram chat, code 7K3Q-9PXM-2D4R-8VNA',
    );
  });
  it('still carries the code when the template lost {code}', () => {
    expect(buildInviteSentence('Link my chat', '7K3Q9PXM2D4R8VNA')).toBe('Link my chat 7K3Q-9PXM-2D4R-8VNA');
  });
  it('the sentence gives its code back to findInviteCodes', () => {
    const code = generateInviteCode();
    expect(findInviteCodes(buildInviteSentence('Hi! Please link my Instagram chat, code {code}', code))).toEqual([normalizeCode(code)]);
  });
});

describe('buildWaMeUrl', () => {
  it('builds the wa.me link with the encoded sentence', () => {
    const url = buildWaMeUrl('15550783881', 'Hi! Link my chat, code 7K3Q-9PXM-2D4R-8VNA');
    expect(url).toBe('https://wa.me/15550783881?text=Hi!%20Link%20my%20chat%2C%20code%207K3Q-9PXM-2D4R-8VNA');
    expect(new URL(url).searchParams.get('text')).toBe('Hi! Link my chat, code 7K3Q-9PXM-2D4R-8VNA');
  });
  it('strips + and formatting from the number', () => {
    expect(buildWaMeUrl('+1 555 078 3881', 'x')).toBe('https://wa.me/15550783881?text=x');
  });
  it('refuses a number that is not one', () => {
    expect(() => buildWaMeUrl('', 'x')).toThrow(/WhatsApp business number/);
    expect(() => buildWaMeUrl('abc', 'x')).toThrow(AppError);
  });
});

describe('findInviteCodes on long input', () => {
  it('finds the code, first, in a long message of short words and digits, and none without it', () => {
    const text = Array.from({ length: 5000 }, (_, i) => (i % 3 ? 'ab' : String(i % 97))).join(' ');
    expect(findInviteCodes(text + ' 7K3Q-9PXM-2D4R-8VNA')[0]).toBe('7K3Q9PXM2D4R8VNA');
    expect(findInviteCodes(text)).toEqual([]);
  });
});
