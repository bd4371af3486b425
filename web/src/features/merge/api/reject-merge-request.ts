import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey, conversationsRootKey } from '../../../lib/query-keys';

const rejectResponseSchema = z.object({ mergeRequest: z.object({ id: z.string(), state: z.string() }).loose() });

/** The agent's **Reject**: nothing is merged; the two contacts stay apart. */
export function rejectMergeRequest({ mergeRequestId, reason }: { mergeRequestId: string; reason?: string }) {
  return api.post(`/api/merge-requests/${encodeURIComponent(mergeRequestId)}/reject`, { reason }, rejectResponseSchema);
}

export function useRejectMergeRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rejectMergeRequest,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
        queryClient.invalidateQueries({ queryKey: contactsRootKey }),
      ]),
  });
}
