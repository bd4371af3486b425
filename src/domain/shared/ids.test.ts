import { describe, expect, it } from 'vitest';
import { TestClock, systemClock } from './clock';
import { isId, newId } from './ids';

describe('newId', () => {
  it('is URL-safe and unique', () => {
    const ids = new Set(Array.from({ length: 10_000 }, newId));
    expect(ids.size).toBe(10_000);
    for (const id of ids) {
      expect(encodeURIComponent(id)).toBe(id);
      expect(isId(id)).toBe(true);
    }
  });

  it('sorts in the order the ids were made, also within one millisecond', () => {
    const ids = Array.from({ length: 5_000 }, newId);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0][14]).toBe('7');
  });

  it('isId refuses junk', () => {
    expect(isId('')).toBe(false);
    expect(isId('../etc/passwd')).toBe(false);
    expect(isId(42)).toBe(false);
  });
});

describe('clocks', () => {
  it('systemClock follows the wall clock', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('TestClock moves only when told', () => {
    const clock = new TestClock(1_000);
    expect(clock.now()).toBe(1_000);
    expect(clock.advance(500)).toBe(1_500);
    expect(clock.now()).toBe(1_500);
    clock.set(10);
    expect(clock.now()).toBe(10);
  });

  it('TestClock refuses going back with advance and non-finite times', () => {
    const clock = new TestClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.set(Number.NaN)).toThrow(RangeError);
    expect(() => new TestClock(Infinity)).toThrow(RangeError);
  });
});
