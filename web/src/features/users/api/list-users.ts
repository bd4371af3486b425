import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { workspaceUserSchema } from '../types';

export const listUsersResponseSchema = z.object({ users: z.array(workspaceUserSchema) });

/** Admin only: agents get a 403 whose message the page shows. */
export async function listUsers() {
  const { users } = await api.get('/api/users', listUsersResponseSchema);
  return users;
}

export const usersQueryKey = ['users'] as const;

export function usersQueryOptions() {
  return queryOptions({
    queryKey: usersQueryKey,
    queryFn: listUsers,
  });
}

export function useUsers() {
  return useQuery(usersQueryOptions());
}
