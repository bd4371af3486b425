import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import type { Channel } from '../../store/repositories/channels';

/** One channel of the workspace; another workspace's channel does not exist here. */
export async function getChannel(ctx: AppContext, input: { workspaceId: string; channelId: string }): Promise<Channel> {
  const channel = await ctx.store.repos.channels.get(input.workspaceId, input.channelId);
  if (!channel) throw notFound('channel_not_found', 'This channel does not exist in this workspace.');
  return channel;
}
