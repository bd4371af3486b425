import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { threadsQueryKey } from './get-threads';
import { SANDBOX_API } from './types';

const openedSchema = z.object({ opened: z.literal('instagram'), referral: z.enum(['sent', 'on_first_message', 'none']) });

/** The customer taps an ig.me link: Instagram opens on the business's chat (and Meta sends the ref). */
export function openInstagramLink(customerId: string, url: string) {
  return api.post(`${SANDBOX_API}/customers/${encodeURIComponent(customerId)}/instagram/open-link`, { url }, openedSchema);
}

export function useOpenInstagramLink(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => openInstagramLink(customerId, url),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey(customerId) }),
  });
}
