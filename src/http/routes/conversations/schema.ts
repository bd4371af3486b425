import { z } from 'zod';
import { ATTACHMENT_UPLOAD_MAX } from '../../../domain/messaging/media';
import { outboundContentSchema } from '../../../domain/messaging/outbound';
import { controlCharacterProblem } from '../../../domain/shared/controlCharacters';

/**
 * Opaque page cursors: base64url of `[time, id]`. Clients pass back what they were given; a
 * forged one is refused whole, with what could break a query (a time that is not a whole number
 * of milliseconds a database column holds, an id with a control character) checked inside.
 */
export function encodeCursor(time: number, id: string): string {
  return Buffer.from(JSON.stringify([time, id])).toString('base64url');
}

const cursor = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    try {
      const [time, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
      if (Number.isSafeInteger(time) && typeof id === 'string' && id.length <= 100 && controlCharacterProblem(id) === null) {
        return { time: time as number, id };
      }
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'not a cursor this API gave out; start from the first page' });
    return z.NEVER;
  });

const channel = z.enum(['instagram', 'whatsapp']);
const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const conversationParams = z.object({ id: z.string().min(1).max(100) });

export const listConversationsQuery = z.object({
  /** `me`, `unassigned`, or a user id. */
  assignee: z.string().min(1).max(100).optional(),
  channel: channel.optional(),
  /** One account's conversations: its channel id (GET /api/channels). */
  account: z.string().min(1).max(100).optional(),
  status: z.enum(['open', 'closed']).optional(),
  q: z.string().trim().max(200).optional(),
  cursor: cursor.optional(),
  limit: limit(100, 30),
});

export const listMessagesQuery = z.object({
  /** `contact`: the customer's whole timeline across channels. */
  scope: z.enum(['conversation', 'contact']).default('conversation'),
  cursor: cursor.optional(),
  limit: limit(200, 50),
});

export const replyBody = z
  .object({
    text: z.string().trim().min(1, 'write a message').max(4096).optional(),
    content: outboundContentSchema.optional(),
    channel: channel.optional(),
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.content === undefined), 'send either text or content, not both');

export const assignBody = z.object({
  userId: z.union([z.literal('me'), z.string().min(1).max(100), z.null()]),
});

/** Base64 of the largest file an agent may attach, plus room for the rest of the JSON. */
export const ATTACHMENT_BODY_LIMIT = Math.ceil(ATTACHMENT_UPLOAD_MAX / 3) * 4 + 64 * 1024;

export const attachBody = z
  .object({
    filename: z.string().trim().min(1, 'name the file').max(200).refine((n) => !/[/\\]/.test(n), 'a file name without folders'),
    contentType: z.string().trim().min(1).max(100),
    contentBase64: z
      .string()
      .min(1, 'the file is empty')
      .max(Math.ceil(ATTACHMENT_UPLOAD_MAX / 3) * 4, `files may be at most ${ATTACHMENT_UPLOAD_MAX / 1024 / 1024} MB`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file must be base64'),
    channel: channel.optional(),
  })
  .strict();
