import { z } from 'zod';
import { controlCharacterProblem } from '../../../domain/shared/controlCharacters';

export const templateListQuery = z.object({ channelId: z.string().min(1).max(100).optional() });

export const templateRefreshBody = z.object({ channelId: z.string().min(1).max(100).optional() }).strict().optional();

export const conversationParams = z.object({ id: z.string().min(1).max(100) });

/** Meta's language codes: en, en_US, pt_BR, zh_Hant_HK. */
const language = z.string().regex(/^[a-z]{2,3}(_[A-Za-z]{2,4}){0,2}$/, 'a language code like en_US');

export const templateReplyBody = z
  .object({
    name: z.string().trim().min(1, 'choose a template').max(512),
    language,
    // Newlines, tabs and long runs of spaces are Meta's to refuse (132007), with its own reason.
    variables: z.array(z.string().max(1024, 'a variable holds at most 1024 characters').refine((v) => controlCharacterProblem(v.replace(/[\n\t]/g, '')) === null, 'a variable cannot hold control characters')).max(30).default([]),
    channel: z.enum(['instagram', 'whatsapp']).optional(),
  })
  .strict();
