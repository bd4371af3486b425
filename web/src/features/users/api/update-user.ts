import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { roleSchema } from '../../../lib/session/types';
import { usersQueryKey } from './list-users';

export const updateUserInputSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(120).optional(),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

/** The list is refetched afterwards, so the answer's body is not needed here. */
export function updateUser({ id, changes }: { id: string; changes: UpdateUserInput }) {
  return api.patch(`/api/users/${encodeURIComponent(id)}`, changes);
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
