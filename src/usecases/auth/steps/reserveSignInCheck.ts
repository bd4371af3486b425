import { judgeSignInCheck, SIGN_IN_WINDOW_MS, type SignInVerdict } from '../../../domain/auth/signInLimits';
import { newId } from '../../../domain/shared/ids';
import type { Repositories } from '../../../store/store';

export interface SignInAttempt {
  /** The email as typed, trimmed and lower-cased. */
  account: string;
  address: string;
}

/**
 * Takes a password-check slot for the attempt, or says when one frees up. Runs inside the caller's
 * transaction, which holds the account and the address from the count to the write, so any number
 * of parallel attempts, on any number of processes, take at most the slots the limits allow.
 */
export async function reserveSignInCheck(repos: Repositories, attempt: SignInAttempt, now: number): Promise<SignInVerdict> {
  const since = now - SIGN_IN_WINDOW_MS;
  await repos.signInChecks.hold(attempt.account, attempt.address, since);
  const verdict = judgeSignInCheck(await repos.signInChecks.recent(attempt.account, attempt.address, since), now);
  if (verdict.allowed) await repos.signInChecks.record({ id: newId(), ...attempt, startedAt: now });
  return verdict;
}
