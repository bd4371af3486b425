import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A bearer secret for a cookie or a link; only its hash is stored. */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a presented token is the one whose hash was stored, in constant time. */
export function tokenMatchesHash(token: string, storedHash: string): boolean {
  return sameSecret(hashToken(token), storedHash);
}

/** Compares two secrets without telling, by the time it takes, how much of them agreed. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
