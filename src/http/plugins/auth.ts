import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import type { User } from '../../store/repositories/users';
import { resolveSession } from '../../usecases/auth/resolveSession';
import { SESSION_TTL_MS } from '../../usecases/auth/steps/startSession';

export const SESSION_COOKIE = 'braid_session';

declare module 'fastify' {
  interface FastifyRequest {
    user?: User;
    sessionId?: string;
    /** Why the session could not be used, kept for the 401 message. */
    authError?: AppError;
  }
}

/** Reads the session cookie of /api requests; routes then demand a user or an admin. */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    try {
      const { user, sessionId } = await resolveSession(ctx, token);
      request.user = user;
      request.sessionId = sessionId;
    } catch (error) {
      if (error instanceof AppError) request.authError = error;
      else throw error;
    }
  });
}

export function requireUser(request: FastifyRequest, access: 'agent' | 'admin'): User {
  if (!request.user) throw request.authError ?? new AppError('unauthenticated', 401, 'Please sign in.');
  if (access === 'admin' && request.user.role !== 'admin') {
    throw new AppError('forbidden', 403, 'Only admins can do this. Ask an admin of your workspace.');
  }
  return request.user;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
