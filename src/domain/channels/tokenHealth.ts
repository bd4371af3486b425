/**
 * Graph errors that mean the channel's token no longer works (reference §7.6): retrying the same
 * send cannot help, a person must give Braid a new token. Instagram's code 10 with subcode 2534022
 * is the closed 24-hour window, a problem of one conversation, not of the token.
 */
export function isTokenProblem(error: { code?: number; subcode?: number }): boolean {
  const { code, subcode } = error;
  if (code === 190 || code === 102) return true;
  if (code === 10) return subcode !== 2534022;
  return code !== undefined && code >= 200 && code <= 299;
}

/** What an admin reads on the channel and in the inbox banner. */
export function tokenProblemReason(error: { code?: number; subcode?: number; message: string }): string {
  const what =
    error.subcode === 463
      ? 'The access token has expired.'
      : error.subcode === 460
        ? 'The access token stopped working after a password change.'
        : error.code === 190 || error.code === 102
          ? 'Meta no longer accepts the access token.'
          : 'The access token lacks a permission Meta requires.';
  return `${what} Replace the token in Settings → Channels; waiting messages are sent then. (Meta: ${error.message})`;
}
