import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey } from '../../../lib/query-keys';

const tagsSchema = z.object({ tags: z.array(z.string()) });

export function listWorkspaceTags(signal?: AbortSignal) {
  return api.get('/api/tags', tagsSchema, { signal });
}

/** Under the contacts root: tagging any contact refreshes the suggestions. */
export const workspaceTagsQueryKey = [...contactsRootKey, 'tags'] as const;

export function workspaceTagsQueryOptions() {
  return queryOptions({ queryKey: workspaceTagsQueryKey, queryFn: ({ signal }) => listWorkspaceTags(signal) });
}

export function useWorkspaceTags() {
  return useQuery(workspaceTagsQueryOptions());
}
