import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { automationsRootKey } from './automation-schema';

export function deleteAutomation(id: string) {
  return api.delete(`/api/automations/${encodeURIComponent(id)}`);
}

export function useDeleteAutomation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAutomation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: automationsRootKey }),
  });
}
