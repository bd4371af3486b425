import net from 'node:net';

/**
 * How many password checks a sign-in may have, so that guessing stays slow whatever the
 * concurrency, the number of addresses or the number of Braid processes, while the owner of an
 * account under attack can still sign in from their own address.
 *
 * A check counts from the moment it is reserved (before the password is compared) until it
 * succeeds; a failed check keeps counting for the rest of the window. All windows roll: a check
 * stops counting exactly WINDOW_MS after it started.
 */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

export const SIGN_IN_LIMITS = {
  /** Checks of one account from one address: then that address waits for the window to roll. */
  perAccountAtAddress: 5,
  /** Checks from one address, all accounts together. */
  perAddress: 20,
  /** Checks of one account, all addresses together: the ceiling on guesses per window. */
  perAccount: 10,
  /** Checks of one account that need no wait; each further one waits after the latest check. */
  freePerAccount: 5,
  /** The first wait; it doubles with each further check in the window (30 s, 1 min, 2 min, 4 min, 8 min). */
  firstDelayMs: 30_000,
} as const;

/** The start times of the checks that may still count, oldest first or in any order. */
export interface RecentChecks {
  /** This account's checks, from every address. */
  account: number[];
  /** This account's checks from this address. */
  accountAtAddress: number[];
  /** This address's checks, of every account. */
  address: number[];
}

/** Which limit refused a check: the wording of the answer depends on it. */
export type SignInLimit = 'account_at_address' | 'address' | 'account';

export type SignInVerdict = { allowed: true } | { allowed: false; limit: SignInLimit; retryAt: number };

/** Whether a password check may start at `now`, and if not, the earliest time one could. */
export function judgeSignInCheck(recent: RecentChecks, now: number): SignInVerdict {
  const limit = blockingLimit(recent, now);
  if (!limit) return { allowed: true };
  // The answer only changes when a check leaves the window or a wait ends: try those instants.
  const all = [...recent.account, ...recent.address];
  const latest = Math.max(...recent.account, Number.NEGATIVE_INFINITY);
  const candidates = [
    ...all.map((startedAt) => startedAt + SIGN_IN_WINDOW_MS),
    ...Array.from({ length: SIGN_IN_LIMITS.perAccount }, (_, n) => latest + accountDelay(n)),
  ]
    .filter((at) => at > now)
    .sort((a, b) => a - b);
  const retryAt = candidates.find((at) => blockingLimit(recent, at) === undefined) ?? now + SIGN_IN_WINDOW_MS;
  return { allowed: false, limit, retryAt };
}

function blockingLimit(recent: RecentChecks, at: number): SignInLimit | undefined {
  // A check stamped later than `at` (another process's clock running ahead) counts too.
  const live = (times: number[]) => times.filter((startedAt) => startedAt > at - SIGN_IN_WINDOW_MS);
  const accountAtAddress = live(recent.accountAtAddress);
  const address = live(recent.address);
  const account = live(recent.account);
  if (accountAtAddress.length >= SIGN_IN_LIMITS.perAccountAtAddress) return 'account_at_address';
  if (address.length >= SIGN_IN_LIMITS.perAddress) return 'address';
  if (account.length >= SIGN_IN_LIMITS.perAccount) return 'account';
  if (account.length > 0 && at < Math.max(...account) + accountDelay(account.length)) return 'account';
  return undefined;
}

/** The wait after the latest check when `checks` checks of the account are in the window. */
export function accountDelay(checks: number): number {
  const beyondFree = checks - SIGN_IN_LIMITS.freePerAccount;
  return beyondFree < 0 ? 0 : SIGN_IN_LIMITS.firstDelayMs * 2 ** beyondFree;
}

/** "30 seconds", "1 minute", "15 minutes": the wait rounded up, as a person reads it. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * The address a sign-in is counted under. An IPv6 client usually holds a whole /64 and could take
 * a fresh address for every guess, so IPv6 addresses count by their /64; an IPv4 address written
 * as IPv6 (::ffff:a.b.c.d) counts as itself.
 */
export function signInAddress(ip: string): string {
  const address = ip.split('%')[0];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (!net.isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros. */
function expandIPv6(address: string): string[] {
  const groupsOf = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [group];
          const [a, b, c, d] = group.split('.').map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        });
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const before = groupsOf(head);
  const after = tail === undefined ? [] : groupsOf(tail);
  const zeros = Array.from({ length: 8 - before.length - after.length }, () => '0');
  return [...before, ...zeros, ...after].map((group) => parseInt(group, 16).toString(16));
}
