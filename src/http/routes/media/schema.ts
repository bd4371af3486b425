import { z } from 'zod';

export const mediaParams = z.object({ id: z.string().min(1).max(100) });

export const mediaLinkQuery = z.object({
  expires: z.coerce.number().int().min(0),
  signature: z.string().min(1).max(100),
});
