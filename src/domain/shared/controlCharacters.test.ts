import { describe, expect, it } from 'vitest';
import { controlCharacterProblem, isRefusedControlCharacter } from './controlCharacters';

describe('controlCharacterProblem', () => {
  it('refuses C0 and C1 controls and DEL, and keeps tab, line feed and carriage return', () => {
    const refused = Array.from({ length: 0xa0 }, (_, code) => code).filter(isRefusedControlCharacter);
    expect(refused).toEqual([
      ...Array.from({ length: 0x20 }, (_, code) => code).filter((code) => ![0x09, 0x0a, 0x0d].includes(code)),
      ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
    ]);
    expect(controlCharacterProblem({ text: 'one\ttwo\r\nthree', emoji: 'hi 👋', accents: 'Ça' })).toBeNull();
  });

  it('names the path of the first string or field name holding one, in the order of the input', () => {
    expect(controlCharacterProblem({ a: 'fine', b: [{ c: 'x\u0000' }], d: '\u0001' })).toBe('b.0.c: contains a control character (U+0000)');
    expect(controlCharacterProblem({ a: { ['k\u001b']: 1 }, b: '\u0000' })).toBe('a.k\\u001b: the field name contains a control character (U+001B)');
    expect(controlCharacterProblem('bare\u0085')).toBe('contains a control character (U+0085)');
    expect(controlCharacterProblem([1, null, true, { x: 2 }])).toBeNull();
    expect(controlCharacterProblem(undefined)).toBeNull();
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    const depth = 200_000;
    const nested = JSON.parse(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`) as unknown;
    expect(controlCharacterProblem(nested)).toMatch(/^…(\.0)+: contains a control character \(U\+0000\)$/);
  });
});
