import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountDelay, describeWait, judgeSignInCheck, type RecentChecks, SIGN_IN_WINDOW_MS, signInAddress } from './signInLimits';

const MINUTE = 60_000;
const none: RecentChecks = { account: [], accountAtAddress: [], address: [] };

/** Checks of one account, all from other addresses than the one asking. */
const elsewhere = (...times: number[]): RecentChecks => ({ account: times, accountAtAddress: [], address: [] });

describe('judgeSignInCheck', () => {
  it('lets the first five checks of an account through at once, then makes each wait twice as long', () => {
    expect(judgeSignInCheck(none, 0)).toEqual({ allowed: true });
    expect(judgeSignInCheck(elsewhere(0, 0, 0, 0), 0)).toEqual({ allowed: true });
    expect(judgeSignInCheck(elsewhere(0, 0, 0, 0, 0), 0)).toEqual({ allowed: false, limit: 'account', retryAt: 30_000 });
    expect(judgeSignInCheck(elsewhere(0, 0, 0, 0, 0, 30_000), 30_000)).toMatchObject({ retryAt: 90_000 });
    expect([5, 6, 7, 8, 9].map(accountDelay)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it('refuses an address that failed five times on the account until its oldest failure leaves the window', () => {
    const recent = { account: [0, MINUTE, 2 * MINUTE, 3 * MINUTE, 4 * MINUTE], accountAtAddress: [0, MINUTE, 2 * MINUTE, 3 * MINUTE, 4 * MINUTE], address: [0, MINUTE, 2 * MINUTE, 3 * MINUTE, 4 * MINUTE] };
    expect(judgeSignInCheck(recent, 5 * MINUTE)).toEqual({ allowed: false, limit: 'account_at_address', retryAt: SIGN_IN_WINDOW_MS });
    // The same account from another address only waits out the slow-down.
    expect(judgeSignInCheck({ ...recent, accountAtAddress: [], address: [] }, 5 * MINUTE)).toEqual({ allowed: true });
  });

  it('refuses an address after 20 checks of any accounts', () => {
    const address = Array.from({ length: 20 }, (_, i) => i * 1000);
    expect(judgeSignInCheck({ ...none, address }, 20_000)).toEqual({ allowed: false, limit: 'address', retryAt: SIGN_IN_WINDOW_MS });
  });

  it('never allows more than 10 checks of an account in any 15 minutes, nor 5 from one address, whatever the order of attempts', () => {
    const attempts = fc.array(fc.record({ gap: fc.nat({ max: 3 * MINUTE }), address: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l') }), {
      maxLength: 400,
    });
    fc.assert(
      fc.property(attempts, (list) => {
        const checks: { at: number; address: string }[] = [];
        let now = 0;
        for (const { gap, address } of list) {
          now += gap;
          const times = (of: typeof checks) => of.filter((c) => c.at > now - SIGN_IN_WINDOW_MS).map((c) => c.at);
          const recent = { account: times(checks), accountAtAddress: times(checks.filter((c) => c.address === address)), address: times(checks.filter((c) => c.address === address)) };
          const verdict = judgeSignInCheck(recent, now);
          if (verdict.allowed) checks.push({ at: now, address });
          else expect(verdict.retryAt).toBeGreaterThan(now);
        }
        for (const { at } of checks) {
          const window = checks.filter((c) => c.at > at - SIGN_IN_WINDOW_MS && c.at <= at);
          expect(window.length).toBeLessThanOrEqual(10);
          for (const address of new Set(window.map((c) => c.address))) {
            expect(window.filter((c) => c.address === address).length).toBeLessThanOrEqual(5);
          }
        }
      }),
    );
  });

  it('names the earliest instant a check may start, not a later one', () => {
    const recentChecks = fc.array(fc.nat({ max: 20 * MINUTE }), { maxLength: 14 }).map((times) => times.sort((a, b) => a - b));
    fc.assert(
      fc.property(recentChecks, fc.nat({ max: 20 * MINUTE }), (times, extra) => {
        const now = (times.at(-1) ?? 0) + extra;
        const recent = elsewhere(...times);
        const verdict = judgeSignInCheck(recent, now);
        if (verdict.allowed) return;
        expect(judgeSignInCheck(recent, verdict.retryAt).allowed).toBe(true);
        expect(judgeSignInCheck(recent, verdict.retryAt - 1).allowed).toBe(false);
      }),
    );
  });
});

describe('describeWait', () => {
  it('rounds up to whole seconds under a minute and to whole minutes above', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(30_000)).toBe('30 seconds');
    expect(describeWait(60_000)).toBe('1 minute');
    expect(describeWait(61_000)).toBe('2 minutes');
    expect(describeWait(SIGN_IN_WINDOW_MS)).toBe('15 minutes');
  });
});

describe('signInAddress', () => {
  it('counts IPv4 addresses as they are, however written', () => {
    expect(signInAddress('198.51.100.7')).toBe('198.51.100.7');
    expect(signInAddress('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(signInAddress('::FFFF:198.51.100.7')).toBe('198.51.100.7');
  });

  it('counts IPv6 addresses by their /64, however written', () => {
    const key = '2001:db8:1:2::/64';
    expect(signInAddress('2001:db8:1:2::1')).toBe(key);
    expect(signInAddress('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(key);
    expect(signInAddress('2001:db8:1:2:aaaa::1.2.3.4')).toBe(key);
    expect(signInAddress('2001:db8:1:2::1%eth0')).toBe(key);
    expect(signInAddress('2001:db8:1:3::1')).not.toBe(key);
    expect(signInAddress('::1')).toBe('0:0:0:0::/64');
    expect(signInAddress('2001:db8::')).toBe('2001:db8:0:0::/64');
  });
});
