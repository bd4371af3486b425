import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { forgetSessionData, meQueryOptions } from '../../../lib/session/get-me';
import { sessionUserSchema } from '../../../lib/session/types';

export const setupInputSchema = z.object({
  token: z.string().min(1, 'This setup link has no token. Use the full link printed when Braid started.'),
  email: z.string().trim().min(1, 'Enter your email address.').pipe(z.email('Enter a valid email address.')),
  name: z.string().trim().min(1, 'Enter your name.'),
  password: z.string().min(8, 'Use at least 8 characters.'),
});
export type SetupInput = z.infer<typeof setupInputSchema>;

export const setupResponseSchema = z.object({ user: sessionUserSchema });

/** Creates the workspace's first admin and signs them in. */
export function completeSetup(input: SetupInput) {
  return api.post('/api/auth/setup', input, setupResponseSchema, { unauthorizedIsExpected: true });
}

export function useCompleteSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: completeSetup,
    onSuccess: async () => {
      forgetSessionData(queryClient);
      await queryClient.fetchQuery({ ...meQueryOptions(), staleTime: 0 });
    },
  });
}
