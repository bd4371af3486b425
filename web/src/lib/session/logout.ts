import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { endSession } from './end-session';

export function logout() {
  return api.post('/api/auth/logout', undefined, undefined, { unauthorizedIsExpected: true });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Whatever the server said, this tab forgets the session and everything it loaded.
    onSettled: (_data, error) =>
      endSession(queryClient, {
        message: error
          ? `You are signed out in this tab, but Braid did not confirm it (${error.message}).`
          : 'You have signed out.',
        returnToPage: false,
      }),
  });
}
