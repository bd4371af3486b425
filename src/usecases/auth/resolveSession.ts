import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import type { User } from '../../store/repositories/users';
import { SESSION_TTL_MS } from './steps/startSession';
import { hashToken } from '../../domain/auth/tokens';

// Sliding expiry, written at most once a minute per session.
const TOUCH_EVERY_MS = 60 * 1000;

/** The signed-in user behind a cookie token, or a 401 that says whether the session expired. */
export async function resolveSession(ctx: AppContext, token: string): Promise<{ user: User; sessionId: string }> {
  const { repos } = ctx.store;
  const now = ctx.clock.now();
  const session = await repos.sessions.get(hashToken(token));
  if (!session) throw new AppError('unauthenticated', 401, 'Please sign in.');
  if (session.expiresAt <= now) {
    await repos.sessions.delete(session.id);
    throw new AppError('session_expired', 401, 'Your session has expired. Please sign in again.');
  }
  const user = await repos.users.get(session.workspaceId, session.userId);
  if (!user || user.disabledAt !== null) {
    await repos.sessions.delete(session.id);
    throw new AppError('unauthenticated', 401, 'This account is disabled. Please ask an admin.');
  }
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) {
    await repos.sessions.extend(session.id, now, now + SESSION_TTL_MS);
    await repos.users.touch(user.id, now);
  }
  return { user, sessionId: session.id };
}
