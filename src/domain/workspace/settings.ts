import { z } from 'zod';

/** Per-channel settings, stored as JSON on the channel row. */
export const channelSettingsSchema = z.object({
  /** Instagram: merge a synced WhatsApp identity at once (true) or ask the agent (false = manual merge mode). */
  allowAutoMerge: z.boolean().default(true),
  /**
   * Instagram: the WhatsApp number (its channel id) invites send customers to. Unset, or once
   * that number is disconnected: the first connected number.
   */
  invitesWhatsAppChannelId: z.string().nullable().optional(),
});
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;

export const DEFAULT_INVITE_TEXT =
  'Would you like to continue on WhatsApp? Tap Connect and send the message that opens.';
export const DEFAULT_INVITE_SENTENCE = 'Hi! Please link my Instagram chat, code {code}';

/**
 * The approved WhatsApp template automations and the merge confirmation send when the 24-hour
 * window has closed, with its variables' values in the composer's order.
 */
export const fallbackTemplateSchema = z.object({
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(20),
  variables: z.array(z.string().trim().min(1).max(1024)).max(30).default([]),
});
export type FallbackTemplate = z.infer<typeof fallbackTemplateSchema>;
/** Ten years: a longer retention is the same as none. */
export const MAX_RETENTION_DAYS = 3650;

/** Workspace-wide settings, stored as JSON on the workspace row. */
export const workspaceSettingsSchema = z.object({
  /** The Instagram button template's text above the Connect button. */
  inviteText: z.string().min(1).max(640).default(DEFAULT_INVITE_TEXT),
  /** The pre-filled WhatsApp sentence; `{code}` is replaced by the invite code. */
  inviteSentence: z
    .string()
    .min(1)
    .max(200)
    .refine((s) => s.includes('{code}'), 'the sentence must contain {code}')
    .default(DEFAULT_INVITE_SENTENCE),
  inviteExpiryHours: z.number().int().min(1).max(24 * 30).default(24),
  /** null: outside the window automations stop and the merge confirmation is not sent. */
  whatsappFallbackTemplate: fallbackTemplateSchema.nullable().default(null),
  /** "Delete messages older than" this many days, applied daily by the worker; null (the default) keeps everything. */
  messageRetentionDays: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable().default(null),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;
