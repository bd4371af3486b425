import type { AppContext } from '../../context';
import { conflict, notFound } from '../../domain/shared/errors';

/**
 * Stops an account's receiving and sending: its webhooks are rejected as "not connected" and its
 * sends fail, and its stored secrets are erased. The channel row stays, so its conversations,
 * messages and contacts stay where they are; connecting the account again picks them up.
 */
export async function disconnectChannel(ctx: AppContext, input: { workspaceId: string; actorId: string; channelId: string }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (repos) => {
    const channel = await repos.channels.get(input.workspaceId, input.channelId);
    if (!channel) throw notFound('channel_not_found', 'This channel does not exist in this workspace.');
    if (channel.source === 'environment') {
      throw conflict('channel_from_environment', 'This account is configured by environment variables; remove them and restart Braid to disconnect it.');
    }
    if (channel.disconnectedAt !== null) return;
    await repos.channels.disconnect(channel.id, now);
    await repos.audit.append(
      { workspaceId: input.workspaceId, actorType: 'user', actorId: input.actorId, action: 'channel.disconnected', subjectType: 'channel', subjectId: channel.id, data: { kind: channel.kind, externalId: channel.externalId } },
      now,
    );
    await repos.events.record(input.workspaceId, 'channel.updated', { channelId: channel.id }, now);
  });
}
