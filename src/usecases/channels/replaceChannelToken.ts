import type { AppContext } from '../../context';
import { secretHint } from '../../domain/channels/sealedSecret';
import { conflict, notFound } from '../../domain/shared/errors';
import { requireSecretBox } from './steps/channelAccess';
import { resumeChannelSends } from './steps/resumeChannelSends';

/**
 * A new access token for a channel connected in Settings (an expired or revoked one is the usual
 * reason). The channel is healthy again from here, and the sends that waited go out in order.
 */
export async function replaceChannelToken(ctx: AppContext, input: { workspaceId: string; actorId: string; channelId: string; accessToken: string }): Promise<void> {
  const box = requireSecretBox(ctx);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (repos) => {
    const channel = await repos.channels.get(input.workspaceId, input.channelId);
    if (!channel || channel.disconnectedAt !== null) throw notFound('channel_not_found', 'This channel is not connected in this workspace.');
    if (channel.source === 'environment') {
      throw conflict('channel_from_environment', 'This account’s token comes from an environment variable; change it there and restart Braid.');
    }
    await repos.channels.replaceToken(channel.id, box.seal(input.accessToken, channel.id), secretHint(input.accessToken));
    await resumeChannelSends(repos, channel.id, now);
    await repos.audit.append(
      { workspaceId: input.workspaceId, actorType: 'user', actorId: input.actorId, action: 'channel.token_replaced', subjectType: 'channel', subjectId: channel.id, data: {} },
      now,
    );
    await repos.events.record(input.workspaceId, 'channel.updated', { channelId: channel.id }, now);
  });
}
