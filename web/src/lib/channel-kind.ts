import { z } from 'zod';

/** The channels Braid speaks on; conversations, contacts, automations and settings all name them. */
export const channelKindSchema = z.enum(['instagram', 'whatsapp']);
export type ChannelKind = z.infer<typeof channelKindSchema>;
