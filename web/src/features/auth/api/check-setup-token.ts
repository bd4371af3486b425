import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';

export const setupTokenStatusSchema = z.object({ valid: z.boolean() });

/** Whether a one-time setup link (printed at start-up) can still create the first admin. */
export function checkSetupToken(token: string) {
  return api.get('/api/auth/setup', setupTokenStatusSchema, { query: { token }, unauthorizedIsExpected: true });
}

export function setupTokenQueryOptions(token: string) {
  return queryOptions({
    queryKey: ['auth', 'setup', token],
    queryFn: () => checkSetupToken(token),
    enabled: token.length > 0,
    staleTime: Infinity,
  });
}

export function useSetupToken(token: string) {
  return useQuery(setupTokenQueryOptions(token));
}
