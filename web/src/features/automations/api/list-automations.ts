import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import type { ChannelKind } from '../../../lib/channel-kind';
import { automationSchema, automationsRootKey } from './automation-schema';

const listAutomationsResponseSchema = z.object({ automations: z.array(automationSchema) });

/** A channel's automations in the order they are tried (position), "Hi" first out of the box. */
export async function listAutomations(channel: ChannelKind, signal?: AbortSignal) {
  const { automations } = await api.get('/api/automations', listAutomationsResponseSchema, { signal, query: { channel } });
  return [...automations].sort((a, b) => a.position - b.position || a.createdAt - b.createdAt);
}

export const automationsQueryKey = (channel: ChannelKind) => [...automationsRootKey, channel] as const;

export function automationsQueryOptions(channel: ChannelKind) {
  return queryOptions({ queryKey: automationsQueryKey(channel), queryFn: ({ signal }) => listAutomations(channel, signal) });
}

export function useAutomations(channel: ChannelKind) {
  return useQuery(automationsQueryOptions(channel));
}
