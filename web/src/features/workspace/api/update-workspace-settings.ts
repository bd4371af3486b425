import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { workspaceSettingsQueryKey, workspaceSettingsSchema, type WorkspaceSettings } from './get-workspace-settings';

const responseSchema = z.object({ settings: workspaceSettingsSchema });

export type WorkspaceSettingsChanges = Partial<Pick<WorkspaceSettings, 'inviteText' | 'inviteSentence' | 'inviteExpiryHours' | 'whatsappFallbackTemplate' | 'messageRetentionDays'>>;

/** A sentence without {code} or an expiry out of range answers 400 with what to change. */
export function updateWorkspaceSettings(changes: WorkspaceSettingsChanges) {
  return api.patch('/api/workspace/settings', changes, responseSchema);
}

export function useUpdateWorkspaceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateWorkspaceSettings,
    onSuccess: ({ settings }) => queryClient.setQueryData(workspaceSettingsQueryKey, settings),
  });
}
