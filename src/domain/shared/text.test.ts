import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, handleOf, isUnspacedScript, stripEmoji, stripLatinAccents } from './text';

describe('foldText', () => {
  it.each([
    ['hi', 'hi'], ['Hi!', 'hi'], ['HI 👋', 'hi'], [' hi. ', 'hi'], ['Hí', 'hi'], ['👋🏽 Hello, there!!', 'hello there'],
    ["What's up?", 'whats up'], ['Ça va', 'ca va'], ['🇵🇹 Olá', 'ola'], ['你好！', '你好'], ['が', 'が'],
  ])('%s → %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('is idempotent and never leaves edge spaces or upper case', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const folded = foldText(s);
        expect(foldText(folded)).toBe(folded);
        expect(folded).toBe(folded.trim());
        expect(folded).not.toMatch(/\s\s/);
        expect(folded).toBe(folded.toLowerCase());
      }),
    );
  });
});

describe('helpers', () => {
  it('stripEmoji keeps digits and letters, drops joiners and skin tones', () => {
    expect(stripEmoji('1 👨‍👩‍👧 a👍🏾#')).toBe('1  a#');
  });
  it('stripLatinAccents leaves other scripts alone', () => {
    expect(stripLatinAccents('Ação नमस्ते')).toBe('Acao नमस्ते');
  });
  it('isUnspacedScript', () => {
    expect(isUnspacedScript('你')).toBe(true);
    expect(isUnspacedScript('a')).toBe(false);
  });
});

describe('handleOf', () => {
  it('puts exactly one @ in front', () => {
    expect(handleOf('ana.souza')).toBe('@ana.souza');
    expect(handleOf('@ana.souza')).toBe('@ana.souza');
    expect(handleOf('@@ana')).toBe('@ana');
  });
});
