import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import { completeSetup, setupTokenIsValid } from '../../../usecases/auth/completeSetup';
import { signOut } from '../../../usecases/auth/resolveSession';
import { signIn } from '../../../usecases/auth/signIn';
import { newSecretToken } from '../../../domain/auth/tokens';
import { clearSessionCookie, setSessionCookie } from '../../plugins/auth';
import { defineRoute } from '../../route';
import { presentUser } from '../users/present';
import { loginBody, setupBody, setupQuery } from './schema';

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const secure = ctx.config.publicUrl.startsWith('https://');

  defineRoute(app, ctx, { method: 'POST', url: '/api/auth/login', summary: 'Sign in', tag: 'auth', access: 'public', body: loginBody },
    async ({ body, request, reply }) => {
      const { user, token } = await signIn(ctx, { ...body, ip: request.ip });
      setSessionCookie(reply, token, secure);
      return { user: presentUser(user) };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/auth/logout', summary: 'Sign out', tag: 'auth', access: 'public', status: 204 },
    async ({ request, reply }) => {
      if (request.sessionId) await signOut(ctx, request.sessionId);
      clearSessionCookie(reply, secure);
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/auth/me', summary: 'The signed-in user', tag: 'auth', access: 'agent' },
    async ({ user }) => {
      const workspace = await ctx.store.repos.workspaces.get(user.workspaceId);
      return { user: presentUser(user), workspace: { id: workspace!.id, name: workspace!.name } };
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/auth/setup', summary: 'Check a setup link', tag: 'auth', access: 'public', query: setupQuery },
    async ({ query }) => ({ valid: await setupTokenIsValid(ctx, query.token) }));

  defineRoute(app, ctx, { method: 'POST', url: '/api/auth/setup', summary: 'Create the first admin through the setup link', tag: 'auth', access: 'public', body: setupBody },
    async ({ body, reply }) => {
      const user = await completeSetup(ctx, body);
      const { token, hash } = newSecretToken();
      const now = ctx.clock.now();
      await ctx.store.repos.sessions.create(
        { id: hash, userId: user.id, workspaceId: user.workspaceId, expiresAt: now + 14 * 864e5, lastSeenAt: now },
        now,
      );
      setSessionCookie(reply, token, secure);
      return { user: presentUser(user) };
    });
}
