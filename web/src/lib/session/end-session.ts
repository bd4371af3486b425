import type { QueryClient } from '@tanstack/react-query';
import { forgetSessionData, meQueryKey } from './get-me';
import { setSignInNotice, type SignInNotice } from './sign-in-notice';

/**
 * Forgets the session in this tab: every cached answer goes, and "nobody is
 * signed in" makes the app shell hand over to the sign-in page, which shows the notice.
 */
export function endSession(queryClient: QueryClient, notice: SignInNotice): void {
  setSignInNotice(notice);
  queryClient.setQueryData(meQueryKey, null);
  forgetSessionData(queryClient);
}
