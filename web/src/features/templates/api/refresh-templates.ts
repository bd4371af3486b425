import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { templatesQueryKey, templatesResponseSchema } from './list-templates';

/** Reads the templates from Meta now (new ones, status changes) instead of waiting for the schedule. */
export function refreshTemplates() {
  return api.post('/api/whatsapp/templates/refresh', {}, templatesResponseSchema);
}

export function useRefreshTemplates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refreshTemplates,
    onSuccess: (data) => queryClient.setQueryData(templatesQueryKey, data),
  });
}
