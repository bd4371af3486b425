import type { AppContext } from '../../context';
import { hashToken } from '../../domain/auth/tokens';

/**
 * Whether a setup link can still create the first admin (the page asks before showing its form):
 * not once it was used or replaced by a newer link, nor once the workspace has any user.
 */
export async function setupTokenIsValid(ctx: AppContext, token: string): Promise<boolean> {
  return ctx.store.repos.setupTokens.isValid(hashToken(token), ctx.clock.now());
}
