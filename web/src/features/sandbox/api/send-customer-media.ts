import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { threadsQueryKey } from './get-threads';
import { SANDBOX_API } from './types';

export type CustomerMedia = 'whatsapp-photo' | 'whatsapp-voice-note' | 'instagram-photo';

const PATHS: Record<CustomerMedia, string> = {
  'whatsapp-photo': 'whatsapp/photos',
  'whatsapp-voice-note': 'whatsapp/voice-notes',
  'instagram-photo': 'instagram/photos',
};

/** The customer sends a sample photo or voice note (the platform holds the file, as Meta does). */
export function sendCustomerMedia(customerId: string, media: CustomerMedia) {
  return api.post(`${SANDBOX_API}/customers/${encodeURIComponent(customerId)}/${PATHS[media]}`, {});
}

export function useSendCustomerMedia(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (media: CustomerMedia) => sendCustomerMedia(customerId, media),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey(customerId) }),
  });
}
