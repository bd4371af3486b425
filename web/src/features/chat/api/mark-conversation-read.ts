import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { conversationsRootKey } from '../../../lib/query-keys';
import { conversationSchema } from './conversation-schema';

const markReadResponseSchema = z.object({ conversation: conversationSchema });

export function markConversationRead(conversationId: string) {
  return api.post(`/api/conversations/${encodeURIComponent(conversationId)}/read`, undefined, markReadResponseSchema);
}

/** Clears the unread count once the agent has the thread on screen. */
export function useMarkConversationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markConversationRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...conversationsRootKey, 'list'] }),
  });
}
