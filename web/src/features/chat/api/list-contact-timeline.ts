import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { channelKindSchema } from '../../../lib/channel-kind';
import { conversationsRootKey } from '../../../lib/query-keys';

/** A file of a message, kept in Braid's media storage (or why it could not be fetched). */
export const mediaFileSchema = z.object({
  id: z.string(),
  /** image, audio, video, file, sticker */
  kind: z.string(),
  state: z.enum(['pending', 'stored', 'failed']),
  contentType: z.string().nullable(),
  size: z.number().nullable(),
  filename: z.string().nullable(),
  failure: z.string().nullable(),
  url: z.string().nullable(),
});
export type MediaFile = z.infer<typeof mediaFileSchema>;

export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  channel: channelKindSchema,
  direction: z.enum(['inbound', 'outbound', 'system']),
  /** text, image, buttons, quick_replies, automation, invite, merge_request, merge, unmerge, note, … */
  type: z.string(),
  text: z.string().nullable(),
  /** received, pending, sent, delivered, read, failed */
  status: z.string(),
  error: z.object({ code: z.string(), title: z.string().nullable() }).nullable(),
  sentBy: z.string(),
  authorId: z.string().nullable(),
  /** The platform's time: the timeline is ordered by it. */
  at: z.number(),
  createdAt: z.number(),
  payload: z.record(z.string(), z.unknown()),
  /** Absent on messages from routes that do not list files (the contact's history). */
  media: z.array(mediaFileSchema).optional(),
});
export type Message = z.infer<typeof messageSchema>;

const timelineResponseSchema = z.object({ messages: z.array(messageSchema), nextCursor: z.string().nullable() });

/**
 * The customer's whole timeline, every channel of the contact (`scope=contact`), read through
 * the open conversation. Each page is oldest first; the next page is older.
 */
export function listContactTimeline(conversationId: string, cursor: string | undefined, signal?: AbortSignal) {
  return api.get(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, timelineResponseSchema, {
    signal,
    query: { scope: 'contact', limit: 100, cursor },
  });
}

export const contactTimelineQueryKey = (conversationId: string) => [...conversationsRootKey, 'timeline', conversationId] as const;

export function contactTimelineQueryOptions(conversationId: string) {
  return infiniteQueryOptions({
    queryKey: contactTimelineQueryKey(conversationId),
    queryFn: ({ signal, pageParam }) => listContactTimeline(conversationId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Live events keep it fresh only while a page that shows it is open; coming back refetches.
    staleTime: 0,
  });
}

/** Pages newest first as loaded; `messages` joins them oldest first for the thread. */
export function useContactTimeline(conversationId: string) {
  return useInfiniteQuery(contactTimelineQueryOptions(conversationId));
}
