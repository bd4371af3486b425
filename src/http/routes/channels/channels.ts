import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import type { Channel } from '../../../store/repositories/channels';
import { getChannel } from '../../../usecases/channels/getChannel';
import { listChannels } from '../../../usecases/channels/listChannels';
import { updateChannelSettings } from '../../../usecases/channels/updateChannelSettings';
import { defineRoute } from '../../route';
import { connectChannel } from '../../../usecases/channels/connectChannel';
import { disconnectChannel } from '../../../usecases/channels/disconnectChannel';
import { listChannelConnections } from '../../../usecases/channels/listChannelConnections';
import { replaceChannelToken } from '../../../usecases/channels/replaceChannelToken';
import { testChannelConnection } from '../../../usecases/channels/testChannelConnection';
import { channelParams, connectInstagramBody, connectWhatsAppBody, replaceTokenBody, updateChannelSettingsBody } from './schema';

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
    status: channel.status,
    connected: channel.disconnectedAt === null,
  });

  // The admin's view: health and where the secrets come from, never the secrets (their last 4 characters at most).
  const presentConnection = (channel: Channel) => ({
    id: channel.id,
    kind: channel.kind,
    name: channel.name,
    externalId: channel.externalId,
    source: channel.source,
    status: channel.status,
    statusReason: channel.statusReason,
    lastWebhookAt: channel.lastWebhookAt,
    businessAccountId: channel.details.businessAccountId ?? null,
    phoneNumber: channel.details.displayPhoneNumber ?? null,
    tokenEndsWith: channel.tokenHint,
    appSecretEndsWith: channel.secretHint,
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

  defineRoute(app, ctx, { method: 'GET', url: '/api/channel-connections', summary: 'Settings → Channels: every connected account with its health and the webhook values for Meta', tag, access: 'admin' },
    async ({ user }) => {
      const list = await listChannelConnections(ctx, { workspaceId: user.workspaceId });
      return { channels: list.channels.map(presentConnection), callbackUrls: list.callbackUrls, verifyToken: list.verifyToken, canConnect: list.canConnect };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/channels/instagram', summary: 'Connect an Instagram account (asks Meta, subscribes the app, stores the token sealed)', tag, access: 'admin', body: connectInstagramBody, status: 201 },
    async ({ user, body }) => ({ channel: presentConnection(await connectChannel(ctx, { kind: 'instagram', workspaceId: user.workspaceId, actorId: user.id, ...body })) }));

  defineRoute(app, ctx, { method: 'POST', url: '/api/channels/whatsapp', summary: 'Connect a WhatsApp number (asks Meta, subscribes the app, stores the token sealed)', tag, access: 'admin', body: connectWhatsAppBody, status: 201 },
    async ({ user, body }) => ({ channel: presentConnection(await connectChannel(ctx, { kind: 'whatsapp', workspaceId: user.workspaceId, actorId: user.id, ...body })) }));

  defineRoute(app, ctx, { method: 'POST', url: '/api/channels/:id/test', summary: 'Ask Meta whom the channel’s token speaks for', tag, access: 'admin', params: channelParams },
    async ({ user, params }) => testChannelConnection(ctx, { workspaceId: user.workspaceId, channelId: params.id }));

  defineRoute(app, ctx, { method: 'POST', url: '/api/channels/:id/token', summary: 'Replace a channel’s access token (resumes its waiting sends)', tag, access: 'admin', params: channelParams, body: replaceTokenBody },
    async ({ user, params, body }) => {
      await replaceChannelToken(ctx, { workspaceId: user.workspaceId, actorId: user.id, channelId: params.id, accessToken: body.accessToken });
      return { replaced: true };
    });

  defineRoute(app, ctx, { method: 'DELETE', url: '/api/channels/:id', summary: 'Disconnect a channel (keeps its history and contacts)', tag, access: 'admin', params: channelParams },
    async ({ user, params }) => {
      await disconnectChannel(ctx, { workspaceId: user.workspaceId, actorId: user.id, channelId: params.id });
      return { disconnected: true };
    });
}
