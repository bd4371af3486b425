import type { AppContext } from '../../context';
import { sameSecret } from '../../domain/auth/tokens';
import { webhookVerifyToken } from './steps/channelAccess';

/** Meta's subscription handshake names no workspace: the token must be one a workspace shows. */
export async function checkVerifyToken(ctx: AppContext, token: string): Promise<boolean> {
  if (ctx.config.meta.verifyToken) return sameSecret(token, ctx.config.meta.verifyToken);
  const workspace = await ctx.store.repos.workspaces.first();
  const expected = workspace && webhookVerifyToken(ctx, workspace.id);
  return expected ? sameSecret(token, expected) : false;
}
