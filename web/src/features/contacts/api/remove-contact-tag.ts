import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api';
import { contactsRootKey } from '../../../lib/query-keys';
import { contactTagsSchema } from './add-contact-tag';

export function removeContactTag({ contactId, tag }: { contactId: string; tag: string }) {
  return apiRequest(`/api/contacts/${encodeURIComponent(contactId)}/tags`, { method: 'DELETE', body: { tag }, schema: contactTagsSchema });
}

export function useRemoveContactTag() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: removeContactTag, onSuccess: () => queryClient.invalidateQueries({ queryKey: contactsRootKey }) });
}
