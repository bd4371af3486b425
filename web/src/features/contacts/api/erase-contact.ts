import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api';
import { contactsRootKey, conversationsRootKey } from '../../../lib/query-keys';

const eraseResponseSchema = z.object({ contactId: z.string(), erased: z.object({ messages: z.number() }).loose() });

/** Deletes everything Braid keeps about the customer (admins only; the typed name must match). */
export function eraseContact({ contactId, confirmName }: { contactId: string; confirmName: string }) {
  return apiRequest(`/api/contacts/${encodeURIComponent(contactId)}`, { method: 'DELETE', body: { confirmName }, schema: eraseResponseSchema });
}

/** `onErased` runs before the refetches, so the page can leave the contact before its query answers 404. */
export function useEraseContact({ onErased }: { onErased?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: eraseContact,
    onSuccess: (_data, { contactId }) => {
      onErased?.();
      queryClient.removeQueries({ queryKey: [...contactsRootKey, 'detail', contactId] });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: contactsRootKey }),
        queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
      ]);
    },
  });
}
