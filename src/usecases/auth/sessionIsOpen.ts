import type { AppContext } from '../../context';

/**
 * Whether a session still signs its user in: it exists (not signed out), has not expired, and its
 * user is not disabled. Read only, so asking does not extend the session. Long-lived requests (a
 * live event stream) ask it now and then, since a session can end on any process.
 */
export async function sessionIsOpen(ctx: AppContext, sessionId: string): Promise<boolean> {
  const { repos } = ctx.store;
  const session = await repos.sessions.get(sessionId);
  if (!session || session.expiresAt <= ctx.clock.now()) return false;
  const user = await repos.users.get(session.workspaceId, session.userId);
  return user !== undefined && user.disabledAt === null;
}
