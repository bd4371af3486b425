import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey, conversationsRootKey } from '../../../lib/query-keys';

const mergeResponseSchema = z.object({ survivorId: z.string(), mergedId: z.string(), merge: z.object({ id: z.string() }).loose() });

/** Merges a suggested contact into this one, from the contact panel. */
export function mergeContacts({ contactId, withContactId, confirm }: { contactId: string; withContactId: string; confirm?: boolean }) {
  return api.post(`/api/contacts/${encodeURIComponent(contactId)}/merge`, { with: withContactId, confirm: confirm ?? false }, mergeResponseSchema);
}

export function useMergeContacts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: mergeContacts,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: contactsRootKey }),
        queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
      ]),
  });
}
