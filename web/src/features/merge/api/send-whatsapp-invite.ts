import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey, conversationsRootKey } from '../../../lib/query-keys';

const sendInviteResponseSchema = z.object({
  invite: z.object({ id: z.string(), state: z.string(), expiresAt: z.number() }).loose(),
  itemId: z.string(),
  messageId: z.string(),
  superseded: z.array(z.string()),
});

/** Sends the Instagram customer the Connect button. Refusals (window closed, already on WhatsApp, no number) come back in words. */
export function sendWhatsAppInvite(conversationId: string) {
  return api.post(`/api/conversations/${encodeURIComponent(conversationId)}/whatsapp-invite`, undefined, sendInviteResponseSchema);
}

export function useSendWhatsAppInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendWhatsAppInvite,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
        queryClient.invalidateQueries({ queryKey: contactsRootKey }),
      ]),
  });
}
