import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { threadsQueryKey } from './get-threads';
import { SANDBOX_API } from './types';

/** The customer taps a postback button of a template: Meta sends a postback event with its payload. */
export function tapInstagramPostback(customerId: string, button: { title: string; payload: string }) {
  return api.post(`${SANDBOX_API}/customers/${encodeURIComponent(customerId)}/instagram/postbacks`, button);
}

export function useTapInstagramPostback(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (button: { title: string; payload: string }) => tapInstagramPostback(customerId, button),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey(customerId) }),
  });
}
