import type { AppContext } from '../../context';

/** Ends one session: its cookie no longer signs anyone in, on any process. */
export async function signOut(ctx: AppContext, sessionId: string): Promise<void> {
  await ctx.store.repos.sessions.delete(sessionId);
}
