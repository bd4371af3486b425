import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import { setupTokenIsValid } from '../../../usecases/auth/checkSetupToken';
import { completeSetup } from '../../../usecases/auth/completeSetup';
import { signOut } from '../../../usecases/auth/signOut';
import { signIn } from '../../../usecases/auth/signIn';
import { getWorkspace } from '../../../usecases/workspace/getWorkspace';
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
      const workspace = await getWorkspace(ctx, { workspaceId: user.workspaceId });
      return { user: presentUser(user), workspace: { id: workspace.id, name: workspace.name } };
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/auth/setup', summary: 'Check a setup link', tag: 'auth', access: 'public', query: setupQuery },
    async ({ query }) => ({ valid: await setupTokenIsValid(ctx, query.token) }));

  defineRoute(app, ctx, { method: 'POST', url: '/api/auth/setup', summary: 'Create the first admin through the setup link', tag: 'auth', access: 'public', body: setupBody },
    async ({ body, reply }) => {
      const { user, token } = await completeSetup(ctx, body);
      setSessionCookie(reply, token, secure);
      return { user: presentUser(user) };
    });
}
