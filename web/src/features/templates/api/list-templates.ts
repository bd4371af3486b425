import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';

const componentSchema = z.looseObject({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(z.looseObject({ type: z.string(), text: z.string(), url: z.string().optional() })).optional(),
});

export const templateSchema = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string(),
  status: z.string(),
  sendable: z.boolean(),
  components: z.array(componentSchema),
  variables: z.array(
    z.object({ label: z.string(), where: z.enum(['body', 'header', 'button']), position: z.number(), buttonIndex: z.number().optional() }),
  ),
  syncedAt: z.number(),
});
export type MessageTemplate = z.infer<typeof templateSchema>;

export const templatesResponseSchema = z.object({ templates: z.array(templateSchema), refreshError: z.string().optional() });

export const templatesQueryKey = ['whatsapp-templates'] as const;

export function listTemplates(signal?: AbortSignal) {
  return api.get('/api/whatsapp/templates', templatesResponseSchema, { signal });
}

export function templatesQueryOptions() {
  return queryOptions({ queryKey: templatesQueryKey, queryFn: ({ signal }) => listTemplates(signal) });
}

/** The WhatsApp templates as Braid last read them from Meta. */
export function useTemplates(options: { enabled?: boolean } = {}) {
  return useQuery({ ...templatesQueryOptions(), enabled: options.enabled ?? true });
}
