import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { channelKindSchema } from '../../../lib/channel-kind';
import { channelsQueryKey } from './list-channels';

export const channelConnectionSchema = z.object({
  id: z.string(),
  kind: channelKindSchema,
  name: z.string(),
  externalId: z.string(),
  source: z.enum(['environment', 'settings']),
  status: z.enum(['connected', 'needs_attention']),
  statusReason: z.string().nullable(),
  lastWebhookAt: z.number().nullable(),
  businessAccountId: z.string().nullable(),
  phoneNumber: z.string().nullable(),
  tokenEndsWith: z.string().nullable(),
  appSecretEndsWith: z.string().nullable(),
  createdAt: z.number(),
});
export type ChannelConnection = z.infer<typeof channelConnectionSchema>;

const connectionsResponseSchema = z.object({
  channels: z.array(channelConnectionSchema),
  callbackUrls: z.object({ instagram: z.string(), whatsapp: z.string() }),
  verifyToken: z.string().nullable(),
  canConnect: z.boolean(),
});
export type ChannelConnections = z.infer<typeof connectionsResponseSchema>;

export const channelConnectionsQueryKey = ['channel-connections'] as const;

export function channelConnectionsQueryOptions() {
  return queryOptions({
    queryKey: channelConnectionsQueryKey,
    queryFn: () => api.get('/api/channel-connections', connectionsResponseSchema),
  });
}

/** Admins only: the API answers 403 to agents. */
export function useChannelConnections(options: { enabled?: boolean; refetchInterval?: number } = {}) {
  return useQuery({ ...channelConnectionsQueryOptions(), enabled: options.enabled ?? true, refetchInterval: options.refetchInterval });
}

/** After any change the list and the inbox's channel list are read again. */
function useInvalidateChannels() {
  const queryClient = useQueryClient();
  return () => Promise.all([
    queryClient.invalidateQueries({ queryKey: channelConnectionsQueryKey }),
    queryClient.invalidateQueries({ queryKey: channelsQueryKey }),
  ]);
}

export interface ConnectInstagramInput {
  accountId: string;
  accessToken: string;
  appSecret: string;
}

export interface ConnectWhatsAppInput {
  phoneNumberId: string;
  businessAccountId: string;
  phoneNumber: string;
  accessToken: string;
  appSecret: string;
}

const connectedSchema = z.object({ channel: channelConnectionSchema });

export function useConnectChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: (input: { kind: 'instagram'; body: ConnectInstagramInput } | { kind: 'whatsapp'; body: ConnectWhatsAppInput }) =>
      api.post(`/api/channels/${input.kind}`, input.body, connectedSchema),
    onSuccess: invalidate,
  });
}

const testResultSchema = z.union([z.object({ ok: z.literal(true), name: z.string() }), z.object({ ok: z.literal(false), message: z.string() })]);

export function useTestChannelConnection() {
  return useMutation({ mutationFn: (channelId: string) => api.post(`/api/channels/${channelId}/test`, {}, testResultSchema) });
}

export function useReplaceChannelToken() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: (input: { channelId: string; accessToken: string }) =>
      api.post(`/api/channels/${input.channelId}/token`, { accessToken: input.accessToken }, z.object({ replaced: z.boolean() })),
    onSuccess: invalidate,
  });
}

export function useDisconnectChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: (channelId: string) => api.delete(`/api/channels/${channelId}`, z.object({ disconnected: z.boolean() })),
    onSuccess: invalidate,
  });
}
