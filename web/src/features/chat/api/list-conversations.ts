import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import type { ChannelKind } from '../../../lib/channel-kind';
import { conversationsRootKey } from '../../../lib/query-keys';
import { conversationSchema } from './conversation-schema';

export interface ConversationFilters {
  /** `me`, `unassigned`, or every conversation. */
  assignee: 'me' | 'unassigned' | 'all';
  channel: ChannelKind | 'all';
  /** One account's conversations (a channel id), when several of a kind are connected. */
  account: string | 'all';
  /** Name, handle or phone. */
  search: string;
}

const PAGE_SIZE = 50;

const listConversationsResponseSchema = z.object({
  conversations: z.array(conversationSchema),
  nextCursor: z.string().nullable(),
});

export function listConversations(filters: ConversationFilters, cursor: string | undefined, signal?: AbortSignal) {
  return api.get('/api/conversations', listConversationsResponseSchema, {
    signal,
    query: {
      assignee: filters.assignee === 'all' ? undefined : filters.assignee,
      channel: filters.channel === 'all' ? undefined : filters.channel,
      account: filters.account === 'all' ? undefined : filters.account,
      q: filters.search.trim() || undefined,
      cursor,
      limit: PAGE_SIZE,
    },
  });
}

export const conversationListQueryKey = (filters: ConversationFilters) => [...conversationsRootKey, 'list', filters] as const;

/** Newest activity first, a page at a time; a live event refetches the pages already shown. */
export function conversationListQueryOptions(filters: ConversationFilters) {
  return infiniteQueryOptions({
    queryKey: conversationListQueryKey(filters),
    queryFn: ({ signal, pageParam }) => listConversations(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Keep the rows on screen while a new filter or search loads, instead of flashing empty.
    placeholderData: keepPreviousData,
    // Live events keep it fresh only while a page that shows it is open; coming back refetches.
    staleTime: 0,
  });
}

export function useConversations(filters: ConversationFilters) {
  return useInfiniteQuery(conversationListQueryOptions(filters));
}
