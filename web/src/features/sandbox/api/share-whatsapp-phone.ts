import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { threadsQueryKey } from './get-threads';
import { SANDBOX_API } from './types';

/** The customer answers the business's request for their number by sharing it. */
export function shareWhatsAppPhone(customerId: string) {
  return api.post(`${SANDBOX_API}/customers/${encodeURIComponent(customerId)}/whatsapp/share-phone`, undefined);
}

export function useShareWhatsAppPhone(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => shareWhatsAppPhone(customerId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey(customerId) }),
  });
}
