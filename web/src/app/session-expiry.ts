import type { QueryClient } from '@tanstack/react-query';
import { onSessionExpired } from '../lib/api';
import { endSession } from '../lib/session/end-session';
import { meQueryKey } from '../lib/session/get-me';

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
