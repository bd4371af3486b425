import { z } from 'zod';
import { metaId, optionalText } from '../meta/parsing';

/**
 * Wire schemas of WhatsApp messages webhooks. Loose on purpose: unknown fields pass through and
 * optional fields that arrive malformed are dropped (`.catch`), so only what an event truly needs
 * can reject it.
 */

export const contactSchema = z.looseObject({
  wa_id: optionalText,
  user_id: optionalText,
  profile: z.looseObject({ name: optionalText, username: optionalText }).optional().catch(undefined),
});

export const valueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: metaId, display_phone_number: optionalText }),
  contacts: z.array(z.unknown()).optional().catch(undefined),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

export const timestampSchema = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform((s) => Number(s) * 1000);

export const errorsSchema = z
  .array(
    z.looseObject({
      code: z.number().optional().catch(undefined),
      title: optionalText,
      message: optionalText,
      error_data: z.looseObject({ details: optionalText }).optional().catch(undefined),
    }),
  )
  .optional()
  .catch(undefined);

export const messageBaseSchema = z
  .looseObject({
    id: z.string().min(1),
    from: optionalText,
    from_user_id: optionalText,
    timestamp: timestampSchema,
    type: z.string(),
    context: z
      .looseObject({
        id: optionalText,
        forwarded: z.boolean().optional().catch(undefined),
        frequently_forwarded: z.boolean().optional().catch(undefined),
      })
      .optional()
      .catch(undefined),
    referral: z
      .looseObject({
        source_url: optionalText,
        source_id: optionalText,
        source_type: optionalText,
        body: optionalText,
        headline: optionalText,
        ctwa_clid: optionalText,
      })
      .optional()
      .catch(undefined),
    errors: errorsSchema,
  })
  .refine((m) => Boolean(m.from || m.from_user_id), {
    message: 'neither from nor from_user_id identifies the sender',
    path: ['from'],
  });

export const mediaSchema = z.looseObject({
  id: optionalText,
  url: optionalText,
  mime_type: optionalText,
  sha256: optionalText,
  caption: optionalText,
  filename: optionalText,
  voice: z.boolean().optional().catch(undefined),
  animated: z.boolean().optional().catch(undefined),
});

export const sharedContactSchema = z.looseObject({
  name: z.looseObject({ formatted_name: optionalText }).optional().catch(undefined),
  phones: z.array(z.looseObject({ phone: optionalText, wa_id: optionalText, type: optionalText })).optional().catch(undefined),
  emails: z.array(z.looseObject({ email: optionalText })).optional().catch(undefined),
  origin: optionalText,
});

/** The type-specific part of each message kind, checked only when that kind arrives. */
export const bodySchemas = {
  text: z.looseObject({ text: z.looseObject({ body: z.string() }) }),
  media: (type: string) => z.looseObject({ [type]: mediaSchema }),
  location: z.looseObject({
    location: z.looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: optionalText,
      address: optionalText,
      url: optionalText,
    }),
  }),
  contacts: z.looseObject({ contacts: z.array(sharedContactSchema), origin: optionalText }),
  button: z.looseObject({ button: z.looseObject({ payload: optionalText, text: optionalText }) }),
  interactive: z.looseObject({
    interactive: z.looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: optionalText, title: optionalText }).optional(),
      list_reply: z.looseObject({ id: optionalText, title: optionalText, description: optionalText }).optional(),
      nfm_reply: z.looseObject({ response_json: optionalText, body: optionalText, name: optionalText }).optional(),
    }),
  }),
  reaction: z.looseObject({ reaction: z.looseObject({ message_id: z.string().min(1), emoji: optionalText }) }),
  system: z.looseObject({
    system: z.looseObject({
      type: z.string(),
      body: optionalText,
      wa_id: optionalText,
      new_wa_id: z.union([z.string(), z.number()]).optional().catch(undefined),
      user_id: optionalText,
      previous_user_id: optionalText,
    }),
  }),
};

export const MEDIA_TYPES = { image: 'image', video: 'video', audio: 'audio', document: 'file', sticker: 'sticker' } as const;

export const statusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.enum(['sent', 'delivered', 'read', 'failed', 'played']),
  timestamp: timestampSchema,
  recipient_id: optionalText,
  recipient_user_id: optionalText,
  contacts: z.array(contactSchema).optional().catch(undefined),
  errors: errorsSchema,
});
