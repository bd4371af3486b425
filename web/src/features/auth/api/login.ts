import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { forgetSessionData, meQueryOptions } from '../../../lib/session/get-me';
import { sessionUserSchema } from '../../../lib/session/types';

export const loginInputSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').pipe(z.email('Enter a valid email address.')),
  password: z.string().min(1, 'Enter your password.'),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const loginResponseSchema = z.object({ user: sessionUserSchema });

export function login(input: LoginInput) {
  // A 401 here means "wrong email or password", which the form shows; it is not an expired session.
  return api.post('/api/auth/login', input, loginResponseSchema, { unauthorizedIsExpected: true });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async () => {
      // Start from a clean cache: nothing of a previous person's session may show.
      forgetSessionData(queryClient);
      await queryClient.fetchQuery({ ...meQueryOptions(), staleTime: 0 });
    },
  });
}
