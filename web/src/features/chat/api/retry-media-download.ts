import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { conversationsRootKey } from '../../../lib/query-keys';

export function retryMediaDownload(mediaFileId: string) {
  return api.post(`/api/media/${encodeURIComponent(mediaFileId)}/retry`);
}

/** Asks Braid to download a file that was not available again; the thread refreshes when it lands. */
export function useRetryMediaDownload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryMediaDownload,
    onSettled: () => queryClient.invalidateQueries({ queryKey: conversationsRootKey }),
  });
}
