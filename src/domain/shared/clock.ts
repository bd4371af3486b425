/**
 * Time as a dependency. Reply windows, invite expiry, automation waits and throttles all depend on
 * "now"; passing a Clock instead of calling Date.now() lets tests move time by hours in a
 * millisecond and lets a restarted worker be tested against the same instant.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that only moves when the test says so. Starts at a fixed instant (not the wall clock)
 * so that a test's output does not depend on the day it runs.
 */
export class TestClock implements Clock {
  private current: number;

  constructor(start: number = Date.UTC(2026, 0, 1, 9, 0, 0)) {
    this.current = TestClock.checked(start);
  }

  now(): number {
    return this.current;
  }

  /** Jumps to an absolute instant (backwards too: tests of clock skew need it). */
  set(ms: number): void {
    this.current = TestClock.checked(ms);
  }

  /** Moves forward by `ms` (≥ 0) and returns the new time. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() needs a non-negative duration, got ${ms}`);
    this.current += ms;
    return this.current;
  }

  private static checked(ms: number): number {
    if (!Number.isFinite(ms)) throw new RangeError(`a clock time must be a finite number of ms, got ${ms}`);
    return ms;
  }
}

/**
 * The wall clock plus an offset that only grows: the sandbox's "Advance time", so a demo or a
 * browser test can show a closed reply window without waiting a day. Never used outside the sandbox.
 */
export class AdvanceableClock implements Clock {
  private offset = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): number {
    return this.base.now() + this.offset;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() needs a non-negative duration, got ${ms}`);
    this.offset += ms;
    return this.now();
  }
}

/** A clock that time can be moved forward on (TestClock, AdvanceableClock). */
export function canAdvance(clock: Clock): clock is Clock & { advance(ms: number): number } {
  return typeof (clock as { advance?: unknown }).advance === 'function';
}
