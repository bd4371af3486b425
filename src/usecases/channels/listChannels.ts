import type { AppContext } from '../../context';
import type { Channel } from '../../store/repositories/channels';

/** The workspace's connected channels, with their settings. */
export async function listChannels(ctx: AppContext, input: { workspaceId: string }): Promise<Channel[]> {
  return ctx.store.repos.channels.list(input.workspaceId);
}
