import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { conversationsRootKey } from '../../../lib/query-keys';

export interface SendTemplateInput {
  conversationId: string;
  name: string;
  language: string;
  variables: string[];
  /** The contact's WhatsApp conversation when the agent is in another channel's. */
  channel?: 'instagram' | 'whatsapp';
}

const sendTemplateResponseSchema = z.object({ message: z.object({ id: z.string() }).loose() });

/** Refusals (not approved, a variable missing) come back in words; Meta's own errors land on the message. */
export function sendTemplate({ conversationId, ...body }: SendTemplateInput) {
  return api.post(`/api/conversations/${encodeURIComponent(conversationId)}/template`, body, sendTemplateResponseSchema);
}

export function useSendTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendTemplate,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
  });
}
