import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';

export const workspaceSettingsSchema = z
  .object({
    /** The Instagram message above the Connect button. */
    inviteText: z.string(),
    /** The pre-filled WhatsApp sentence; {code} is where the one-time code goes. */
    inviteSentence: z.string(),
    inviteExpiryHours: z.number(),
    /** The approved WhatsApp template automations and the merge confirmation send once the window closed. */
    whatsappFallbackTemplate: z.object({ name: z.string(), language: z.string(), variables: z.array(z.string()) }).nullable().default(null),
    /** Delete messages older than this many days; null keeps them all. */
    messageRetentionDays: z.number().nullable().default(null),
  })
  .loose();
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

const responseSchema = z.object({ settings: workspaceSettingsSchema });

/** Admins only: an agent gets a 403 whose message the page shows. */
export async function getWorkspaceSettings(signal?: AbortSignal) {
  const { settings } = await api.get('/api/workspace/settings', responseSchema, { signal });
  return settings;
}

export const workspaceSettingsQueryKey = ['workspace', 'settings'] as const;

export function workspaceSettingsQueryOptions() {
  return queryOptions({ queryKey: workspaceSettingsQueryKey, queryFn: ({ signal }) => getWorkspaceSettings(signal) });
}

export function useWorkspaceSettings() {
  return useQuery(workspaceSettingsQueryOptions());
}
