/**
 * Why the sign-in page is showing (signed out, session expired), kept in memory
 * between the moment a session ends and the sign-in page that follows.
 */
export interface SignInNotice {
  message: string;
  /** Whether signing in again should return to the page that was open. */
  returnToPage: boolean;
}

let current: SignInNotice | null = null;

export function setSignInNotice(notice: SignInNotice): void {
  current = notice;
}

export function getSignInNotice(): SignInNotice | null {
  return current;
}

export function clearSignInNotice(): void {
  current = null;
}
