import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { contactsRootKey } from '../../../lib/query-keys';

export function deleteContactNote({ noteId }: { noteId: string }) {
  return api.delete(`/api/notes/${encodeURIComponent(noteId)}`);
}

export function useDeleteContactNote() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteContactNote, onSuccess: () => queryClient.invalidateQueries({ queryKey: contactsRootKey }) });
}
