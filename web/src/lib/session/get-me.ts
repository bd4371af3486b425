import { hashKey, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, ApiError } from '../api';
import { getSignInNotice, setSignInNotice } from './sign-in-notice';
import { sessionUserSchema, workspaceSchema } from './types';

export const meResponseSchema = z.object({
  user: sessionUserSchema,
  workspace: workspaceSchema,
});
export type Me = z.infer<typeof meResponseSchema>;

/** Who is signed in, or null when nobody is (a 401 here is an answer, not an error). */
export async function getMe(): Promise<Me | null> {
  try {
    return await api.get('/api/auth/me', meResponseSchema, { unauthorizedIsExpected: true });
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthorized) return null;
    throw error;
  }
}

export const meQueryKey = ['auth', 'me'] as const;

export function meQueryOptions() {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: async ({ client }) => {
      const wasSignedIn = Boolean(client.getQueryData(meQueryKey));
      const me = await getMe();
      // Signed in a moment ago, nobody now: the session expired or was ended elsewhere.
      if (wasSignedIn && !me && !getSignInNotice()) {
        setSignInNotice({ message: 'Your session has ended. Sign in again to continue.', returnToPage: true });
      }
      return me;
    },
    staleTime: 5 * 60_000,
  });
}

export function useMe() {
  return useQuery(meQueryOptions());
}

/**
 * Drops every cached answer except "who is signed in", whose observers (the app
 * shell, the sign-in page) must keep following the same cache entry.
 */
export function forgetSessionData(queryClient: QueryClient): void {
  const meHash = hashKey(meQueryKey);
  queryClient.removeQueries({ predicate: (query) => query.queryHash !== meHash });
}
