import { z } from 'zod';

export const contactParams = z.object({ id: z.string().min(1).max(100) });

export const listContactsQuery = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Cursor from the previous page's `next`. */
  beforeCreatedAt: z.coerce.number().int().optional(),
  beforeId: z.string().max(100).optional(),
});

export const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Cursor from the previous page's `nextBefore`: older messages than this one. */
  beforeTs: z.coerce.number().int().optional(),
  beforeId: z.string().max(100).optional(),
});

export const mergePreviewQuery = z.object({ with: z.string().min(1, 'name the other contact: ?with=<contact id>').max(100) });

export const mergeBody = z.object({
  with: z.string().min(1).max(100),
  /** Required when the preview says needsConfirmation (e.g. two Instagram accounts on one contact). */
  confirm: z.boolean().default(false),
  reason: z.string().trim().max(500).optional(),
});

export const dismissSuggestionBody = z.object({ otherContactId: z.string().min(1).max(100) });

/** `zip` (the default): the JSON and the media files; `json`: the JSON alone, as version 1 clients read it. */
export const exportQuery = z.object({
  format: z.enum(['zip', 'json'], { error: 'format is zip (the default) or json.' }).default('zip'),
});

export const eraseBody = z.object({
  confirmName: z.string({ error: 'Type the customer’s name in confirmName to confirm.' }).max(300),
});
