import { newSecretToken } from '../../../domain/auth/tokens';
import type { Repositories } from '../../../store/store';

/** How long a session lasts without use before its cookie must sign in again. */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** A new session for the user: only the token's hash is stored; the token goes into the cookie. */
export async function startSession(repos: Repositories, user: { id: string; workspaceId: string }, now: number): Promise<string> {
  const { token, hash } = newSecretToken();
  await repos.sessions.create({ id: hash, userId: user.id, workspaceId: user.workspaceId, expiresAt: now + SESSION_TTL_MS, lastSeenAt: now }, now);
  return token;
}
