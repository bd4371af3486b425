import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { threadsQueryKey } from './get-threads';
import { SANDBOX_API } from './types';

/** The customer taps a quick reply: Meta sends its title as the text, with the payload attached. */
export function tapInstagramQuickReply(customerId: string, reply: { title: string; payload: string }) {
  return api.post(`${SANDBOX_API}/customers/${encodeURIComponent(customerId)}/instagram/quick-replies`, reply);
}

export function useTapInstagramQuickReply(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reply: { title: string; payload: string }) => tapInstagramQuickReply(customerId, reply),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey(customerId) }),
  });
}
