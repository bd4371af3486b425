import type { AppContext } from '../../context';
import { newSecretToken } from '../../domain/auth/tokens';

const SETUP_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Issues the one-time link printed at start while the workspace has no user. It replaces every
 * earlier link: only the newest printed link works. Issuing holds the workspace, so processes
 * starting at the same moment still leave one working link.
 */
export async function issueSetupToken(ctx: AppContext, workspaceId: string): Promise<string> {
  const now = ctx.clock.now();
  const { token, hash } = newSecretToken();
  await ctx.store.transaction(async (repos) => {
    await repos.workspaces.lock(workspaceId);
    await repos.setupTokens.revokeUnused(workspaceId, now);
    await repos.setupTokens.create(hash, workspaceId, now, now + SETUP_TTL_MS);
  });
  return token;
}
