import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import type { User } from '../../store/repositories/users';
import { verifyPassword } from '../../domain/auth/passwords';
import { startSession } from './steps/startSession';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_IP = 20;

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
}

/**
 * Checks the password and opens a server-side session. Failures are counted per account
 * and per address; past the limit the answer is 429 for the rest of the window, even for
 * the right password, so guessing cannot go on in parallel.
 */
export async function signIn(ctx: AppContext, input: SignInInput): Promise<{ user: User; token: string }> {
  const { repos } = ctx.store;
  const now = ctx.clock.now();
  const email = input.email.trim().toLowerCase();
  const keys = [`account:${email}`, `ip:${input.ip}`];
  const windowStart = now - WINDOW_MS;
  const [accountFailures, ipFailures] = await Promise.all(keys.map((k) => repos.sessions.failuresInWindow(k, windowStart)));
  if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || ipFailures >= MAX_FAILURES_PER_IP) {
    const key = accountFailures >= MAX_FAILURES_PER_ACCOUNT ? keys[0] : keys[1];
    const started = (await repos.sessions.windowStartedAt(key)) ?? now;
    const minutes = Math.max(1, Math.ceil((started + WINDOW_MS - now) / 60000));
    throw new AppError(
      'too_many_attempts',
      429,
      `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }

  const user = await repos.users.findByEmail(email);
  const valid = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !valid || user.disabledAt !== null) {
    for (const key of keys) await repos.sessions.recordFailure(key, now, windowStart);
    throw new AppError('invalid_credentials', 401, 'The email or password is not correct.');
  }
  await repos.sessions.clearFailures(keys[0]);

  const token = await startSession(repos, user, now);
  const { passwordHash: _secret, ...publicUser } = user;
  return { user: publicUser, token };
}
