import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import { getWorkspace } from '../../../usecases/workspace/getWorkspace';
import { updateWorkspaceSettings } from '../../../usecases/workspace/updateWorkspaceSettings';
import { defineRoute } from '../../route';
import { updateWorkspaceSettingsBody } from './schema';

const tag = 'workspace';

export function workspaceRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, ctx, { method: 'GET', url: '/api/workspace/settings', summary: 'WhatsApp invite wording and expiry', tag, access: 'admin' },
    async ({ user }) => {
      const workspace = await getWorkspace(ctx, { workspaceId: user.workspaceId });
      return { settings: workspace.settings };
    });

  defineRoute(app, ctx, { method: 'PATCH', url: '/api/workspace/settings', summary: 'Change the WhatsApp invite wording or expiry', tag, access: 'admin', body: updateWorkspaceSettingsBody },
    async ({ user, body }) => ({ settings: await updateWorkspaceSettings(ctx, { workspaceId: user.workspaceId, actorId: user.id, patch: body }) }));
}
