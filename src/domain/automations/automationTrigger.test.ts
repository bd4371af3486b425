import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AutomationTrigger, matchTrigger, normalizeTriggerText, pickAutomation } from './automationTrigger';

const first = { isFirstMessage: true };
const later = { isFirstMessage: false };
const exactHi: AutomationTrigger = { mode: 'exact', keywords: ['Hi'] };

describe('normalizeTriggerText', () => {
  it.each([
    ['hi', 'hi'], ['Hi!', 'hi'], ['HI 👋', 'hi'], [' hi. ', 'hi'], ['Hí', 'hi'], ['¡Hola!', 'hola'], ['Good  morning…', 'good morning'],
  ])('%s → %s', (input, output) => {
    expect(normalizeTriggerText(input)).toBe(output);
  });

  const decoration = fc.constantFrom('', ' ', '!', '.', '?', '👋', '🙂', '  ', '!!', '👋🏽', '...', '\n');
  it('ignores case, surrounding punctuation, whitespace and emoji', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{1,10}( [a-z]{1,10}){0,2}$/),
        decoration,
        decoration,
        fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
        (phrase, before, after, upper) => {
          const cased = [...phrase].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
          expect(normalizeTriggerText(before + cased + after)).toBe(phrase);
        },
      ),
    );
  });

  it('drops accents from Latin letters only', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,8}$/), fc.constantFrom('\u0301', '\u0300', '\u0302', '\u0308', '\u0303'), (word, accent) => {
        const accented = word[0] + accent + word.slice(1);
        expect(normalizeTriggerText(accented.normalize('NFC'))).toBe(word);
      }),
    );
    expect(normalizeTriggerText('こんにちは')).toBe('こんにちは');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(normalizeTriggerText(normalizeTriggerText(s))).toBe(normalizeTriggerText(s));
      }),
    );
  });
});

describe('matchTrigger', () => {
  it.each(['hi', 'Hi!', 'HI 👋', ' hi. ', 'Hí'])('exact "Hi" matches %s', (message) => {
    expect(matchTrigger(exactHi, message, later)).toEqual({ mode: 'exact', keyword: 'Hi' });
  });

  it.each(['hello hi there', 'his', 'hi there', 'high', '', null])('exact "Hi" does not match %s', (message) => {
    expect(matchTrigger(exactHi, message, later)).toBeNull();
  });

  it('contains matches whole words only', () => {
    const contains: AutomationTrigger = { mode: 'contains', keywords: ['hi'] };
    expect(matchTrigger(contains, 'hello hi there', later)).not.toBeNull();
    expect(matchTrigger(contains, 'Hello, HI!', later)).not.toBeNull();
    expect(matchTrigger(contains, 'shipping this', later)).toBeNull();
    expect(matchTrigger({ mode: 'contains', keywords: ['price list'] }, 'can I see the Price-List?', later)).not.toBeNull();
  });

  it('contains works inside text written without spaces', () => {
    expect(matchTrigger({ mode: 'contains', keywords: ['你好'] }, '你好吗？', later)).not.toBeNull();
  });

  it('starts_with needs the keyword at the start, as words', () => {
    const starts: AutomationTrigger = { mode: 'starts_with', keywords: ['hi'] };
    expect(matchTrigger(starts, 'Hi there!', later)).not.toBeNull();
    expect(matchTrigger(starts, 'hi', later)).not.toBeNull();
    expect(matchTrigger(starts, 'hello hi', later)).toBeNull();
    expect(matchTrigger(starts, 'history', later)).toBeNull();
  });

  it('any_first_message only on the first message', () => {
    const any: AutomationTrigger = { mode: 'any_first_message', keywords: [] };
    expect(matchTrigger(any, 'whatever', first)).toEqual({ mode: 'any_first_message', keyword: null });
    expect(matchTrigger(any, null, first)).not.toBeNull();
    expect(matchTrigger(any, 'whatever', later)).toBeNull();
  });

  it('several keywords: the first that matches is reported', () => {
    const trigger: AutomationTrigger = { mode: 'exact', keywords: ['hello', 'hey', '👋'] };
    expect(matchTrigger(trigger, 'HEY!', later)?.keyword).toBe('hey');
    expect(matchTrigger(trigger, '👋', later)).toBeNull();
  });
});

describe('pickAutomation', () => {
  const a = (name: string, mode: AutomationTrigger['mode'], keywords: string[], enabled = true) => ({ name, enabled, trigger: { mode, keywords } });
  const all = [
    a('any', 'any_first_message', []),
    a('contains', 'contains', ['hi']),
    a('starts', 'starts_with', ['hi']),
    a('exact', 'exact', ['hi']),
    a('exact-2', 'exact', ['hi']),
  ];

  it('prefers exact > starts_with > contains > any, ties by position', () => {
    expect(pickAutomation(all, 'Hi!', first)?.name).toBe('exact');
    expect(pickAutomation(all, 'hi there', first)?.name).toBe('starts');
    expect(pickAutomation(all, 'well hi', first)?.name).toBe('contains');
    expect(pickAutomation(all, 'price?', first)?.name).toBe('any');
    expect(pickAutomation(all, 'price?', later)).toBeNull();
  });

  it('skips disabled automations', () => {
    const list = [a('off', 'exact', ['hi'], false), a('on', 'contains', ['hi'])];
    expect(pickAutomation(list, 'hi', later)?.name).toBe('on');
    const stored = [{ name: 'row-off', enabled: 0, trigger: { mode: 'exact' as const, keywords: ['hi'] } }, { name: 'row-on', enabled: 1, trigger: { mode: 'exact' as const, keywords: ['hi'] } }];
    expect(pickAutomation(stored, 'hi', later)?.name).toBe('row-on');
  });

  it('the pick never ranks below another match (property)', () => {
    const modes = ['exact', 'starts_with', 'contains', 'any_first_message'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ mode: fc.constantFrom(...modes), keywords: fc.array(fc.constantFrom('hi', 'hello', 'price'), { maxLength: 2 }) }), { maxLength: 6 }),
        fc.constantFrom('hi', 'hello there', 'the price', 'hi price', 'nothing'),
        fc.boolean(),
        (triggers, message, isFirstMessage) => {
          const list = triggers.map((trigger, i) => ({ i, trigger }));
          const picked = pickAutomation(list, message, { isFirstMessage });
          const matching = list.filter((x) => matchTrigger(x.trigger, message, { isFirstMessage }));
          if (!matching.length) {
            expect(picked).toBeNull();
            return;
          }
          const rank = (m: string) => modes.indexOf(m as (typeof modes)[number]);
          const best = Math.min(...matching.map((x) => rank(x.trigger.mode)));
          expect(picked).toBe(matching.find((x) => rank(x.trigger.mode) === best));
        },
      ),
    );
  });
});
