import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey } from '../../../lib/query-keys';

export const noteResponseSchema = z.object({
  note: z.object({ id: z.string(), contactId: z.string(), authorId: z.string().nullable(), body: z.string(), createdAt: z.number() }),
});

export function addContactNote({ contactId, body }: { contactId: string; body: string }) {
  return api.post(`/api/contacts/${encodeURIComponent(contactId)}/notes`, { body }, noteResponseSchema);
}

export function useAddContactNote() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: addContactNote, onSuccess: () => queryClient.invalidateQueries({ queryKey: contactsRootKey }) });
}
