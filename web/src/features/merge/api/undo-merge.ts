import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey, conversationsRootKey } from '../../../lib/query-keys';

const undoResponseSchema = z.object({ merge: z.object({ id: z.string(), undoneAt: z.number().nullable() }).loose() });

/** Restores both contacts as they were before the merge; what arrived since stays on the right side. */
export function undoMerge({ mergeId, reason }: { mergeId: string; reason?: string }) {
  return api.post(`/api/merges/${encodeURIComponent(mergeId)}/undo`, { reason }, undoResponseSchema);
}

export function useUndoMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: undoMerge,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
        queryClient.invalidateQueries({ queryKey: contactsRootKey }),
      ]),
  });
}
