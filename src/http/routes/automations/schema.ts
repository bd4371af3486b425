import { z } from 'zod';

/** Automation bodies are checked whole by the use case, so its 422 can name the step to fix. */
export const automationParams = z.object({ id: z.string().min(1).max(100) });

export const listAutomationsQuery = z.object({
  channelId: z.string().min(1).max(100).optional(),
  channel: z.enum(['instagram', 'whatsapp']).optional(),
});

export const createAutomationBody = z
  .object({
    channelId: z.string().min(1).max(100).optional(),
    channel: z.enum(['instagram', 'whatsapp'], { error: 'channel must be "instagram" or "whatsapp"' }).optional(),
  })
  .loose();

export const updateAutomationBody = z
  .record(z.string(), z.unknown())
  .refine((b) => Object.keys(b).length > 0, 'change at least one of name, enabled, trigger, steps, stopOnAgentAction, cooldownSeconds, position');

export const listRunsQuery = z.object({
  state: z.enum(['active', 'completed', 'stopped', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Cursor: the id of the last run of the previous page. */
  before: z.string().min(1).max(100).optional(),
});

export type CreateAutomationBody = z.infer<typeof createAutomationBody>;
