import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { threadsQueryKey } from './get-threads';
import { SANDBOX_API } from './types';

/** The customer sends a WhatsApp text; Meta shares their number only if they show it. */
export function sendWhatsAppMessage(customerId: string, text: string) {
  return api.post(`${SANDBOX_API}/customers/${encodeURIComponent(customerId)}/whatsapp/messages`, { text });
}

export function useSendWhatsAppMessage(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => sendWhatsAppMessage(customerId, text),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey(customerId) }),
  });
}
