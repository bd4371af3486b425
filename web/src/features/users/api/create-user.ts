import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { roleSchema } from '../../../lib/session/types';
import { usersQueryKey } from './list-users';

export const createUserInputSchema = z.object({
  email: z.string().trim().min(1, 'Enter an email address.').pipe(z.email('Enter a valid email address.')),
  name: z.string().trim().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.'),
  role: roleSchema,
  password: z.string().min(8, 'Use at least 8 characters.'),
});
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

export const createUserResponseSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: roleSchema }),
});

export async function createUser(input: CreateUserInput) {
  const { user } = await api.post('/api/users', input, createUserResponseSchema);
  return user;
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
