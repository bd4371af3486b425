import { z } from 'zod';
import { MAX_RETENTION_DAYS } from '../../../domain/workspace/settings';

export const updateWorkspaceSettingsBody = z
  .object({
    inviteText: z.string().trim().min(1).max(640).optional(),
    inviteSentence: z.string().trim().min(1).max(200).refine((s) => s.includes('{code}'), 'the sentence must contain {code}, where the invite code goes').optional(),
    inviteExpiryHours: z.number().int().min(1).max(24 * 30).optional(),
    whatsappFallbackTemplate: z
      .object({
        name: z.string().trim().min(1).max(512),
        language: z.string().regex(/^[a-z]{2,3}(_[A-Za-z]{2,4}){0,2}$/, 'a language code like en_US'),
        variables: z.array(z.string().trim().min(1, 'fill in every variable').max(1024)).max(30).default([]),
      })
      .strict()
      .nullable()
      .optional(),
    messageRetentionDays: z.number().int().min(1, 'keep messages at least 1 day, or send null to keep them all').max(MAX_RETENTION_DAYS).nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one of inviteText, inviteSentence, inviteExpiryHours, whatsappFallbackTemplate, messageRetentionDays');
