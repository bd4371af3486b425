import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { threadsQueryKey } from './get-threads';
import { SANDBOX_API } from './types';

/** The customer taps a reply button of the business's interactive message (button_reply). */
export function tapWhatsAppButton(customerId: string, button: { id: string; title: string; contextWamid?: string }) {
  return api.post(`${SANDBOX_API}/customers/${encodeURIComponent(customerId)}/whatsapp/buttons`, button);
}

export function useTapWhatsAppButton(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (button: { id: string; title: string; contextWamid?: string }) => tapWhatsAppButton(customerId, button),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey(customerId) }),
  });
}
