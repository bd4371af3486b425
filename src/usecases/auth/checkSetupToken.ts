import type { AppContext } from '../../context';
import { hashToken } from '../../domain/auth/tokens';

/** Whether a setup link can still create the first admin (the page asks before showing its form). */
export async function setupTokenIsValid(ctx: AppContext, token: string): Promise<boolean> {
  return ctx.store.repos.sessions.setupTokenIsValid(hashToken(token), ctx.clock.now());
}
