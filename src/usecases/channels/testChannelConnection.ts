import { GraphApiError } from '../../channels/meta/graphApi';
import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import { graphForChannel } from './steps/channelAccess';

export type ConnectionTest = { ok: true; name: string } | { ok: false; message: string };

/** Asks Meta who the channel's token speaks for, and says so (or Meta's error) in words. */
export async function testChannelConnection(ctx: AppContext, input: { workspaceId: string; channelId: string }): Promise<ConnectionTest> {
  const channel = await ctx.store.repos.channels.get(input.workspaceId, input.channelId);
  if (!channel || channel.disconnectedAt !== null) throw notFound('channel_not_found', 'This channel is not connected in this workspace.');
  const graph = graphForChannel(ctx, channel);
  try {
    if (channel.kind === 'instagram') {
      const account = await graph.instagram.getAccount();
      return { ok: true, name: account.username ? `@${account.username}` : account.userId };
    }
    const number = await graph.whatsapp.getPhoneNumber();
    return { ok: true, name: [number.verifiedName, number.displayPhoneNumber].filter(Boolean).join(' ') || channel.name };
  } catch (error) {
    if (error instanceof GraphApiError) return { ok: false, message: error.message };
    throw error;
  }
}
