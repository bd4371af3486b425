import type { AppContext } from '../../context';
import type { Channel } from '../../store/repositories/channels';
import { webhookVerifyToken } from './steps/channelAccess';

export interface ChannelConnections {
  channels: Channel[];
  /** Per kind: what Meta's dashboard wants as the callback. */
  callbackUrls: { instagram: string; whatsapp: string };
  verifyToken: string | null;
  /** False on PostgreSQL without BRAID_SECRET_KEY: channels can then come only from the environment. */
  canConnect: boolean;
}

/** Settings → Channels: every channel of the workspace with its health, and the webhook values for Meta. */
export async function listChannelConnections(ctx: AppContext, input: { workspaceId: string }): Promise<ChannelConnections> {
  const channels = await ctx.store.repos.channels.list(input.workspaceId);
  return {
    channels: channels.filter((c) => c.disconnectedAt === null),
    callbackUrls: { instagram: `${ctx.config.publicUrl}/webhooks/instagram`, whatsapp: `${ctx.config.publicUrl}/webhooks/whatsapp` },
    verifyToken: webhookVerifyToken(ctx, input.workspaceId) ?? null,
    canConnect: ctx.secrets !== undefined,
  };
}
