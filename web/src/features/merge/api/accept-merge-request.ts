import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey, conversationsRootKey } from '../../../lib/query-keys';

const acceptResponseSchema = z.object({
  mergeRequest: z.object({ id: z.string(), state: z.string() }).loose(),
  merge: z.object({ id: z.string(), survivorId: z.string(), mergedId: z.string() }).loose(),
});

/** The agent's **Merge** on a merge request: the two contacts become one. */
export function acceptMergeRequest(mergeRequestId: string) {
  return api.post(`/api/merge-requests/${encodeURIComponent(mergeRequestId)}/accept`, undefined, acceptResponseSchema);
}

export function useAcceptMergeRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptMergeRequest,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
        queryClient.invalidateQueries({ queryKey: contactsRootKey }),
      ]),
  });
}
