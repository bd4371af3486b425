import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey, conversationsRootKey } from '../../../lib/query-keys';

const sendLinkResponseSchema = z.object({
  invite: z.object({ id: z.string(), state: z.string(), expiresAt: z.number() }).loose(),
  itemId: z.string(),
  messageId: z.string(),
  superseded: z.array(z.string()),
});

/** Sends the WhatsApp customer the Open Instagram button. Refusals (window closed, already on Instagram, no account) come back in words. */
export function sendInstagramLink(conversationId: string) {
  return api.post(`/api/conversations/${encodeURIComponent(conversationId)}/instagram-link`, undefined, sendLinkResponseSchema);
}

export function useSendInstagramLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendInstagramLink,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
        queryClient.invalidateQueries({ queryKey: contactsRootKey }),
      ]),
  });
}
