import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { conversationsRootKey } from '../../../lib/query-keys';
import { conversationSchema } from './conversation-schema';

const assignResponseSchema = z.object({ conversation: conversationSchema });

export interface AssignConversationInput {
  conversationId: string;
  /** `me` (the signed-in agent), another agent's id, or null to unassign. */
  userId: 'me' | string | null;
}

export function assignConversation({ conversationId, userId }: AssignConversationInput) {
  return api.post(`/api/conversations/${encodeURIComponent(conversationId)}/assign`, { userId }, assignResponseSchema);
}

export function useAssignConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assignConversation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
  });
}
