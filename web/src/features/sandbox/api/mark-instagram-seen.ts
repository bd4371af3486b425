import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { threadsQueryKey } from './get-threads';
import { SANDBOX_API } from './types';

/** The customer has the Instagram thread open: Meta reports it seen (messaging_seen). */
export function markInstagramSeen(customerId: string) {
  return api.post(`${SANDBOX_API}/customers/${encodeURIComponent(customerId)}/instagram/seen`, undefined);
}

export function useMarkInstagramSeen(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => markInstagramSeen(customerId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey(customerId) }),
  });
}
