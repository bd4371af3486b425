import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey } from '../../../lib/query-keys';

export const contactTagsSchema = z.object({ contactId: z.string(), tags: z.array(z.string()) });

export function addContactTag({ contactId, tag }: { contactId: string; tag: string }) {
  return api.post(`/api/contacts/${encodeURIComponent(contactId)}/tags`, { tag }, contactTagsSchema);
}

export function useAddContactTag() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: addContactTag, onSuccess: () => queryClient.invalidateQueries({ queryKey: contactsRootKey }) });
}
