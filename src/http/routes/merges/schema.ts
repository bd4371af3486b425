import { z } from 'zod';

export const idParams = z.object({ id: z.string().min(1).max(100) });

export const rejectBody = z.object({ reason: z.string().trim().max(500).optional() });

export const undoBody = z.object({ reason: z.string().trim().max(500).optional() });
