import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { threadsQueryKey } from './get-threads';
import { SANDBOX_API } from './types';

/** The customer sends a direct message; the platform delivers it to Braid as a signed webhook. */
export function sendInstagramMessage(customerId: string, text: string) {
  return api.post(`${SANDBOX_API}/customers/${encodeURIComponent(customerId)}/instagram/messages`, { text });
}

export function useSendInstagramMessage(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => sendInstagramMessage(customerId, text),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey(customerId) }),
  });
}
