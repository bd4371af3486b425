import { z } from 'zod';

/**
 * What Braid asks a channel to send, independent of who asked (an agent, an automation, the
 * invite). Stored on the outbound message row (payload.outbound) so the send job can build
 * the exact Graph request from the row alone, and a retry sends the same thing.
 */
/** A link a customer may be sent: http or https only, never javascript:, data: or vbscript:. */
export const webLinkSchema = z.url({ protocol: /^https?$/, error: 'the URL must be a full http:// or https:// address' });

export const outboundContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().min(1) }),
  z.object({
    kind: z.literal('quick_replies'),
    text: z.string().min(1),
    replies: z.array(z.object({ title: z.string().min(1).max(20), payload: z.string().min(1) })).min(1).max(13),
  }),
  z.object({
    kind: z.literal('buttons'),
    text: z.string().min(1).max(640),
    buttons: z
      .array(
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('web_url'), title: z.string().min(1).max(20), url: webLinkSchema }),
          z.object({ type: z.literal('postback'), title: z.string().min(1).max(20), payload: z.string().min(1) }),
        ]),
      )
      .min(1)
      .max(3),
  }),
  z.object({ kind: z.literal('attachment'), type: z.enum(['image', 'video', 'audio', 'file']), url: webLinkSchema, caption: z.string().optional() }),
  /**
   * A file an agent attached, kept in Braid's media storage (media_files row `mediaFileId`):
   * WhatsApp gets it uploaded and sent by media id, Instagram fetches it from a signed link.
   */
  z.object({
    kind: z.literal('file'),
    type: z.enum(['image', 'audio', 'file']),
    mediaFileId: z.string().min(1),
    filename: z.string().min(1),
    contentType: z.string().min(1),
  }),
  /**
   * WhatsApp: an approved message template, the only send allowed outside the 24-hour window.
   * `components` is Meta's wire form; `text` is the message as the customer reads it.
   */
  z.object({
    kind: z.literal('template'),
    name: z.string().min(1),
    language: z.string().min(1),
    text: z.string().min(1),
    components: z.array(z.unknown()),
  }),
  /** WhatsApp: ask the user to share their phone number (users known only by BSUID). */
  z.object({ kind: z.literal('contact_request'), text: z.string().min(1) }),
]);
export type OutboundContent = z.infer<typeof outboundContentSchema>;

/** The text an agent sees in the thread and the list for an outbound message. */
export function outboundPreview(content: OutboundContent): string {
  switch (content.kind) {
    case 'attachment':
      return content.caption ?? `[${content.type}]`;
    case 'file':
      return content.type === 'file' ? `[file] ${content.filename}` : `[${content.type}]`;
    default:
      return content.text;
  }
}

/** WhatsApp refuses reply buttons or a link button under a text longer than this (error 131009). */
export const WHATSAPP_BUTTON_TEXT_MAX = 1024;

/** Why this content cannot go to WhatsApp as buttons, or null when it fits. */
export function whatsappButtonTextProblem(content: OutboundContent): string | null {
  if ((content.kind !== 'quick_replies' && content.kind !== 'buttons') || content.text.length <= WHATSAPP_BUTTON_TEXT_MAX) return null;
  return `WhatsApp shows at most ${WHATSAPP_BUTTON_TEXT_MAX} characters above buttons; this text has ${content.text.length}. Shorten it, or send the text first and the buttons after it.`;
}
