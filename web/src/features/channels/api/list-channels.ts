import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { channelKindSchema, type ChannelKind } from '../../../lib/channel-kind';

export const channelSettingsSchema = z.object({ allowAutoMerge: z.boolean() }).loose();

export const channelSchema = z.object({
  id: z.string(),
  kind: channelKindSchema,
  name: z.string().nullable(),
  externalId: z.string().nullable(),
  settings: channelSettingsSchema,
  /** Where Meta must deliver this channel's webhooks (pasted into the Meta app dashboard). */
  webhookUrl: z.string(),
  createdAt: z.number(),
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

/** The workspace's channel of one kind, once the list has loaded. */
export function useChannel(kind: ChannelKind) {
  const query = useChannels();
  return { ...query, channel: query.data?.find((channel) => channel.kind === kind) };
}
