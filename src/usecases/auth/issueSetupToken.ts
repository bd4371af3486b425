import type { AppContext } from '../../context';
import { newSecretToken } from '../../domain/auth/tokens';

const SETUP_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Issues the one-time link printed at first start when no admin is configured. */
export async function issueSetupToken(ctx: AppContext, workspaceId: string): Promise<string> {
  const now = ctx.clock.now();
  const { token, hash } = newSecretToken();
  await ctx.store.repos.sessions.createSetupToken(hash, workspaceId, now, now + SETUP_TTL_MS);
  return token;
}
