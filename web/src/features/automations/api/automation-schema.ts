import { z } from 'zod';

export const TRIGGER_MODES = ['exact', 'starts_with', 'contains', 'any_first_message'] as const;
export type TriggerMode = (typeof TRIGGER_MODES)[number];

/** Steps are kept as the API sends them; the editor knows their fields, the API checks them. */
export const stepSchema = z.object({ type: z.string() }).loose();
export type Step = z.infer<typeof stepSchema> & Record<string, unknown>;

export const automationSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  channel: z.enum(['instagram', 'whatsapp']).optional(),
  name: z.string(),
  enabled: z.boolean(),
  position: z.number(),
  trigger: z.object({ mode: z.enum(TRIGGER_MODES), keywords: z.array(z.string()) }),
  steps: z.array(stepSchema),
  stopOnAgentAction: z.boolean(),
  cooldownSeconds: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Automation = z.infer<typeof automationSchema>;

export const automationsRootKey = ['automations'] as const;
