import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { contactsRootKey } from '../../../lib/query-keys';
import { noteResponseSchema } from './add-contact-note';

export function editContactNote({ noteId, body }: { noteId: string; body: string }) {
  return api.patch(`/api/notes/${encodeURIComponent(noteId)}`, { body }, noteResponseSchema);
}

export function useEditContactNote() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: editContactNote, onSuccess: () => queryClient.invalidateQueries({ queryKey: contactsRootKey }) });
}
