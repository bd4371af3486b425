import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import type { ChannelKind } from '../../../lib/channel-kind';
import { conversationsRootKey } from '../../../lib/query-keys';
import { messageSchema } from './list-contact-timeline';

const sendAttachmentResponseSchema = z.object({ message: messageSchema });

export interface SendAttachmentInput {
  conversationId: string;
  filename: string;
  contentType: string;
  contentBase64: string;
  channel?: ChannelKind;
}

/** A wrong type or size answers 400 `unsupported_attachment` with a sentence the composer shows. */
export function sendAttachment({ conversationId, ...body }: SendAttachmentInput) {
  return api.post(`/api/conversations/${encodeURIComponent(conversationId)}/attachments`, body, sendAttachmentResponseSchema);
}

export function useSendAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendAttachment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
  });
}
