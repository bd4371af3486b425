import { z } from 'zod';
import type { Message } from '../api/list-contact-timeline';

const attachmentSchema = z.object({
  type: z.string(),
  url: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  mimeType: z.string().optional(),
  voice: z.boolean().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

const outboundSchema = z
  .object({
    kind: z.string(),
    text: z.string().optional(),
    replies: z.array(z.object({ title: z.string() })).optional(),
    buttons: z.array(z.object({ type: z.string(), title: z.string(), url: z.string().optional() })).optional(),
    type: z.string().optional(),
    url: z.string().optional(),
    caption: z.string().optional(),
  })
  .loose();
export type OutboundContent = z.infer<typeof outboundSchema>;

/** What the customer received or sent besides text; anything unreadable is left out rather than failing the thread. */
export function attachmentsOf(message: Message): Attachment[] {
  const inbound = z.array(attachmentSchema).safeParse(message.payload.attachments);
  if (inbound.success) return inbound.data;
  const outbound = outboundContentOf(message);
  if (outbound?.kind === 'attachment' && outbound.url) return [{ type: outbound.type ?? 'file', url: outbound.url, caption: outbound.caption }];
  return [];
}

const locationSchema = z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() });

/** A shared location (WhatsApp): coordinates, and the place's name and address when given. */
export function locationOf(message: Message): z.infer<typeof locationSchema> | null {
  const parsed = locationSchema.safeParse(message.payload.location);
  return parsed.success ? parsed.data : null;
}

export function outboundContentOf(message: Message): OutboundContent | null {
  const parsed = outboundSchema.safeParse(message.payload.outbound);
  return parsed.success ? parsed.data : null;
}

/** A string field of a system item's payload, or undefined. */
export function payloadString(message: Message, key: string): string | undefined {
  const value = message.payload[key];
  return typeof value === 'string' ? value : undefined;
}

export function payloadNumber(message: Message, key: string): number | undefined {
  const value = message.payload[key];
  return typeof value === 'number' ? value : undefined;
}

/**
 * The timeline spans all of a contact's conversations, and a merge request or a merge
 * writes one system item into each of them. After a merge both copies are in the same
 * timeline; one is enough (and two Merge buttons for one request would be confusing).
 */
export function withoutDuplicateSystemItems(messages: Message[]): Message[] {
  const seen = new Set<string>();
  return messages.filter((message) => {
    if (message.direction !== 'system') return true;
    const subject = payloadString(message, 'mergeRequestId') ?? payloadString(message, 'mergeId');
    if (!subject) return true;
    const key = `${message.type}:${subject}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Automation items of one run written in the same millisecond carry an order; everything else keeps the API's time order. */
export function inTimeOrder(messages: Message[]): Message[] {
  const order = (message: Message) => {
    const automation = message.payload.automation as { order?: unknown } | undefined;
    return typeof automation?.order === 'number' ? automation.order : 0;
  };
  return [...messages].sort((a, b) => a.at - b.at || (a.type === 'automation' && b.type === 'automation' ? order(a) - order(b) : 0));
}
