import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import type { ChannelKind } from '../../../lib/channel-kind';
import { conversationsRootKey } from '../../../lib/query-keys';
import { messageSchema } from './list-contact-timeline';

const sendMessageResponseSchema = z.object({ message: messageSchema });

export interface SendMessageInput {
  conversationId: string;
  text: string;
  /** The contact's other channel; omitted to reply where the conversation is. */
  channel?: ChannelKind;
}

/** A closed reply window answers 409 `reply_window_closed` with a sentence the composer shows. */
export function sendMessage({ conversationId, text, channel }: SendMessageInput) {
  return api.post(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, { text, channel }, sendMessageResponseSchema);
}

export function useSendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendMessage,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
  });
}
