import { notFound } from '../../../domain/shared/errors';
import type { Channel } from '../../../store/repositories/channels';
import type { Repositories } from '../../../store/store';

/** The named channel, or the workspace's WhatsApp channel; a 404 in words when there is none. */
export async function requireWhatsAppChannel(repos: Repositories, workspaceId: string, channelId?: string): Promise<Channel> {
  const channel = channelId ? await repos.channels.get(workspaceId, channelId) : await repos.channels.findByKind(workspaceId, 'whatsapp');
  if (!channel || channel.kind !== 'whatsapp') {
    throw notFound('channel_not_found', 'This workspace has no WhatsApp channel connected; connect one to use message templates.');
  }
  return channel;
}
