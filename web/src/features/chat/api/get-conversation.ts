import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { channelKindSchema } from '../../../lib/channel-kind';
import { conversationsRootKey } from '../../../lib/query-keys';
import { conversationSchema, replyWindowSchema } from './conversation-schema';

/** A channel the composer can reply on: one of the contact's conversations (this one included). */
export const replyChannelSchema = z.object({
  channel: channelKindSchema,
  conversationId: z.string(),
  identityId: z.string(),
  replyWindow: replyWindowSchema,
});
export type ReplyChannel = z.infer<typeof replyChannelSchema>;

const getConversationResponseSchema = z.object({
  conversation: conversationSchema,
  replyChannels: z.array(replyChannelSchema),
});
export type ConversationDetail = z.infer<typeof getConversationResponseSchema>;

export function getConversation(id: string, signal?: AbortSignal) {
  return api.get(`/api/conversations/${encodeURIComponent(id)}`, getConversationResponseSchema, { signal });
}

export const conversationQueryKey = (id: string) => [...conversationsRootKey, 'detail', id] as const;

export function conversationQueryOptions(id: string) {
  return queryOptions({ queryKey: conversationQueryKey(id), queryFn: ({ signal }) => getConversation(id, signal), staleTime: 0 });
}

export function useConversation(id: string) {
  return useQuery(conversationQueryOptions(id));
}
