import { z } from 'zod';

export const mediaParams = z.object({ id: z.string().min(1).max(100) });
