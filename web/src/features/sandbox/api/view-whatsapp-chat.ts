import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { threadsQueryKey } from './get-threads';
import { SANDBOX_API } from './types';

/** The customer has the chat open: every business message not yet read gets a read status. */
export function viewWhatsAppChat(customerId: string) {
  return api.post(`${SANDBOX_API}/customers/${encodeURIComponent(customerId)}/whatsapp/view`, undefined);
}

export function useViewWhatsAppChat(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => viewWhatsAppChat(customerId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey(customerId) }),
  });
}
