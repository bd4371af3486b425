import type { AppContext } from '../../context';
import { verifyPassword } from '../../domain/auth/passwords';
import { describeWait, signInAddress, type SignInVerdict } from '../../domain/auth/signInLimits';
import { AppError } from '../../domain/shared/errors';
import type { User } from '../../store/repositories/users';
import { reserveSignInCheck } from './steps/reserveSignInCheck';
import { startSession } from './steps/startSession';

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
}

/**
 * Checks the password and opens a server-side session. A check is counted before the password is
 * compared (see domain/auth/signInLimits.ts): past a limit the answer is 429 with when to retry,
 * and the password is not looked at. A failed check keeps counting; a successful one forgets the
 * account's failures from that address. Sessions already open are never touched here.
 */
export async function signIn(ctx: AppContext, input: SignInInput): Promise<{ user: User; token: string }> {
  const now = ctx.clock.now();
  const attempt = { account: input.email.trim().toLowerCase(), address: signInAddress(input.ip) };
  const verdict = await ctx.store.transaction((repos) => reserveSignInCheck(repos, attempt, now));
  if (!verdict.allowed) throw tooManyAttempts(verdict, now);

  const user = await ctx.store.repos.users.findByEmail(attempt.account);
  const valid = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !valid || user.disabledAt !== null) {
    throw new AppError('invalid_credentials', 401, 'The email or password is not correct.');
  }

  const token = await ctx.store.transaction(async (repos) => {
    await repos.signInChecks.clear(attempt.account, attempt.address);
    return startSession(repos, user, now);
  });
  const { passwordHash: _secret, ...publicUser } = user;
  return { user: publicUser, token };
}

function tooManyAttempts(verdict: Extract<SignInVerdict, { allowed: false }>, now: number): AppError {
  const waitMs = verdict.retryAt - now;
  const who = verdict.limit === 'account' ? 'for this account' : 'from your address';
  return new AppError('too_many_attempts', 429, `Too many failed sign-ins ${who}. Try again in ${describeWait(waitMs)}.`, {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}
