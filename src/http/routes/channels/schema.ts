import { z } from 'zod';

export const channelParams = z.object({ id: z.string().min(1).max(100) });

export const updateChannelSettingsBody = z
  .object({ allowAutoMerge: z.boolean().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one setting: allowAutoMerge');
