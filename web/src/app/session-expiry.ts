import type { QueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../features/auth/api/get-me';
import { endSession } from '../features/auth/end-session';
import { onSessionExpired } from '../lib/api';

/**
 * When any call answers 401 while someone was signed in, the session has expired
 * (or was revoked): back to sign-in, saying why; signing in again returns to the same page.
 */
export function watchSessionExpiry(queryClient: QueryClient): () => void {
  return onSessionExpired(() => {
    if (!queryClient.getQueryData(meQueryKey)) return;
    endSession(queryClient, {
      message: 'Your session has expired. Sign in again to continue.',
      returnToPage: true,
    });
  });
}
