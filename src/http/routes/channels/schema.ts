import { z } from 'zod';

export const channelParams = z.object({ id: z.string().min(1).max(100) });

export const updateChannelSettingsBody = z
  .object({ allowAutoMerge: z.boolean().optional(), invitesWhatsAppChannelId: z.string().min(1).max(100).nullable().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one setting: allowAutoMerge or invitesWhatsAppChannelId');

const secret = (name: string) =>
  z
    .string()
    .trim()
    .min(8, `${name}: paste the whole value from Meta`)
    .max(1000, `${name} is too long`)
    .regex(/^\S+$/, `${name} has spaces in it; copy it again from Meta`);
const metaId = (name: string) => z.string().trim().regex(/^\d{5,30}$/, `${name}: digits only, as Meta shows it`);

export const connectInstagramBody = z
  .object({ accountId: metaId('Instagram account ID'), accessToken: secret('Access token'), appSecret: secret('App secret') })
  .strict();

export const connectWhatsAppBody = z
  .object({
    phoneNumberId: metaId('Phone number ID'),
    businessAccountId: metaId('WhatsApp Business Account ID'),
    phoneNumber: z
      .string()
      .trim()
      .transform((v) => v.replace(/[\s()+-]/g, ''))
      .pipe(z.string().regex(/^\d{6,15}$/, 'Phone number: the number with its country code, digits only')),
    accessToken: secret('Access token'),
    appSecret: secret('App secret'),
  })
  .strict();

export const replaceTokenBody = z.object({ accessToken: secret('Access token') }).strict();
