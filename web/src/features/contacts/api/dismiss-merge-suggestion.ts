import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { mergeSuggestionsQueryKey } from './list-merge-suggestions';

/** Stops suggesting `otherContactId` as the same customer as `contactId`. */
export function dismissMergeSuggestion({ contactId, otherContactId }: { contactId: string; otherContactId: string }) {
  return api.post(`/api/contacts/${encodeURIComponent(contactId)}/suggestions/dismiss`, { otherContactId });
}

export function useDismissMergeSuggestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: dismissMergeSuggestion,
    onSuccess: (_result, { contactId }) => queryClient.invalidateQueries({ queryKey: mergeSuggestionsQueryKey(contactId) }),
  });
}
