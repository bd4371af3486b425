import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import type { ChannelKind } from '../../channels/api/list-channels';
import { conversationSchema, conversationsRootKey } from './conversation-schema';

export interface ConversationFilters {
  /** `me`, `unassigned`, or every conversation. */
  assignee: 'me' | 'unassigned' | 'all';
  channel: ChannelKind | 'all';
  /** Name, handle or phone. */
  search: string;
}

const listConversationsResponseSchema = z.object({
  conversations: z.array(conversationSchema),
  nextCursor: z.string().nullable(),
});

export function listConversations(filters: ConversationFilters, signal?: AbortSignal) {
  return api.get('/api/conversations', listConversationsResponseSchema, {
    signal,
    query: {
      assignee: filters.assignee === 'all' ? undefined : filters.assignee,
      channel: filters.channel === 'all' ? undefined : filters.channel,
      q: filters.search.trim() || undefined,
      limit: 100,
    },
  });
}

export const conversationListQueryKey = (filters: ConversationFilters) => [...conversationsRootKey, 'list', filters] as const;

export function conversationListQueryOptions(filters: ConversationFilters) {
  return queryOptions({
    queryKey: conversationListQueryKey(filters),
    queryFn: ({ signal }) => listConversations(filters, signal),
    // Live events keep it fresh only while a page that shows it is open; coming back refetches.
    staleTime: 0,
    // Keep the rows on screen while a new filter or search loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

export function useConversations(filters: ConversationFilters) {
  return useQuery(conversationListQueryOptions(filters));
}
