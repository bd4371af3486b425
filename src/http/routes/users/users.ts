import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import { createAgent } from '../../../usecases/agents/createAgent';
import { listAgents } from '../../../usecases/agents/listAgents';
import { updateAgent } from '../../../usecases/agents/updateAgent';
import { defineRoute } from '../../route';
import { presentUser } from './present';
import { createUserBody, updateUserBody, userParams } from './schema';

export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, ctx, { method: 'GET', url: '/api/users', summary: 'List agents', tag: 'agents', access: 'agent' },
    async ({ user }) => ({ users: (await listAgents(ctx, { workspaceId: user.workspaceId })).map(presentUser) }));

  defineRoute(app, ctx, { method: 'POST', url: '/api/users', summary: 'Create an agent', tag: 'agents', access: 'admin', body: createUserBody, status: 201 },
    async ({ user, body }) => {
      const created = await createAgent(ctx, { ...body, workspaceId: user.workspaceId, actorId: user.id });
      return { user: presentUser(created) };
    });

  defineRoute(app, ctx, { method: 'PATCH', url: '/api/users/:id', summary: 'Update an agent', tag: 'agents', access: 'admin', params: userParams, body: updateUserBody },
    async ({ user, params, body }) => {
      const updated = await updateAgent(ctx, { ...body, workspaceId: user.workspaceId, actorId: user.id, userId: params.id });
      return { user: presentUser(updated) };
    });
}
