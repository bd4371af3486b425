import { z } from 'zod';
import { channelKindSchema } from '../../../lib/channel-kind';

/** The 24-hour window in which a channel lets the business reply freely. */
export const replyWindowSchema = z.object({
  open: z.boolean(),
  /** When it closes (or closed); null when the customer never wrote on this channel. */
  closesAt: z.number().nullable(),
  closedAt: z.number().optional(),
  /** Instagram after the 24 hours: a person may still reply, tagged as a human agent, until then. */
  humanAgentUntil: z.number().optional(),
});
export type ReplyWindow = z.infer<typeof replyWindowSchema>;

/** A conversation as the list and the thread header show it (shared by the conversation operations). */
export const conversationSchema = z.object({
  id: z.string(),
  channel: channelKindSchema,
  /** The account (channel id) it belongs to; replies go out through it. */
  accountId: z.string(),
  status: z.string(),
  contactId: z.string(),
  customer: z.object({
    name: z.string(),
    handle: z.string().nullable(),
    phone: z.string().nullable(),
    externalId: z.string().nullable(),
  }),
  lastMessage: z.object({ preview: z.string().nullable(), at: z.number() }).nullable(),
  unreadCount: z.number(),
  assignee: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  lastMessageAt: z.number().nullable(),
  lastInboundAt: z.number().nullable(),
  replyWindow: replyWindowSchema,
  createdAt: z.number(),
});
export type Conversation = z.infer<typeof conversationSchema>;
