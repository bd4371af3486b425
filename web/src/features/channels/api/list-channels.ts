import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { channelKindSchema, type ChannelKind } from '../../../lib/channel-kind';

export const channelSettingsSchema = z.object({ allowAutoMerge: z.boolean(), invitesWhatsAppChannelId: z.string().nullable().optional() }).loose();

export const channelSchema = z.object({
  id: z.string(),
  kind: channelKindSchema,
  name: z.string().nullable(),
  externalId: z.string().nullable(),
  settings: channelSettingsSchema,
  /** Where Meta must deliver this channel's webhooks (pasted into the Meta app dashboard). */
  webhookUrl: z.string(),
  createdAt: z.number(),
  /** False once disconnected: its history stays, nothing comes in or goes out. */
  connected: z.boolean(),
});
export type Channel = z.infer<typeof channelSchema>;

const listChannelsResponseSchema = z.object({ channels: z.array(channelSchema) });

export async function listChannels(): Promise<Channel[]> {
  const { channels } = await api.get('/api/channels', listChannelsResponseSchema);
  return channels;
}

export const channelsQueryKey = ['channels'] as const;

export function channelsQueryOptions() {
  return queryOptions({ queryKey: channelsQueryKey, queryFn: listChannels });
}

export function useChannels() {
  return useQuery(channelsQueryOptions());
}

export interface InboxAccount {
  id: string;
  kind: ChannelKind;
  name: string;
}

/**
 * The connected accounts, and whether the inbox should tell them apart: only when more than one
 * account of a kind is connected (one account of each kind is told apart by the channel already).
 */
export function useInboxAccounts(): { accounts: InboxAccount[]; several: Record<ChannelKind, boolean> } {
  const { data } = useChannels();
  const accounts = (data ?? []).filter((c) => c.connected).map((c) => ({ id: c.id, kind: c.kind, name: c.name ?? c.externalId ?? c.id }));
  const count = (kind: ChannelKind) => accounts.filter((a) => a.kind === kind).length;
  return { accounts, several: { instagram: count('instagram') > 1, whatsapp: count('whatsapp') > 1 } };
}

/**
 * The workspace's channel of one kind, once the list has loaded: the account the page's
 * `?account=` names when there are several, else the first.
 */
export function useChannel(kind: ChannelKind) {
  const query = useChannels();
  const [params] = useSearchParams();
  const ofKind = query.data?.filter((channel) => channel.kind === kind) ?? [];
  return { ...query, channel: ofKind.find((channel) => channel.id === params.get('account')) ?? ofKind[0] };
}
