import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import type { Channel } from '../../../store/repositories/channels';
import { getChannel } from '../../../usecases/channels/getChannel';
import { listChannels } from '../../../usecases/channels/listChannels';
import { updateChannelSettings } from '../../../usecases/channels/updateChannelSettings';
import { defineRoute } from '../../route';
import { channelParams, updateChannelSettingsBody } from './schema';

const tag = 'channels';

export function channelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const present = (channel: Channel) => ({
    id: channel.id,
    kind: channel.kind,
    name: channel.name,
    externalId: channel.externalId,
    settings: channel.settings,
    // Where Meta must deliver this channel's webhooks (entered in the Meta app dashboard).
    webhookUrl: `${ctx.config.publicUrl}/webhooks/${channel.kind}`,
    createdAt: channel.createdAt,
  });

  defineRoute(app, ctx, { method: 'GET', url: '/api/channels', summary: 'List the workspace’s channels with their settings and webhook URLs', tag, access: 'agent' },
    async ({ user }) => ({ channels: (await listChannels(ctx, { workspaceId: user.workspaceId })).map(present) }));

  defineRoute(app, ctx, { method: 'GET', url: '/api/channels/:id/settings', summary: 'Get a channel’s settings', tag, access: 'admin', params: channelParams },
    async ({ user, params }) => {
      const channel = await getChannel(ctx, { workspaceId: user.workspaceId, channelId: params.id });
      return { channelId: channel.id, kind: channel.kind, settings: channel.settings };
    });

  defineRoute(app, ctx, { method: 'PATCH', url: '/api/channels/:id/settings', summary: 'Change a channel’s settings (allowAutoMerge)', tag, access: 'admin', params: channelParams, body: updateChannelSettingsBody },
    async ({ user, params, body }) => {
      const channel = await updateChannelSettings(ctx, { workspaceId: user.workspaceId, channelId: params.id, actorId: user.id, patch: body });
      return { channelId: channel.id, kind: channel.kind, settings: channel.settings };
    });
}
