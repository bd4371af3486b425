import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import { createAutomation } from '../../../usecases/automations/createAutomation';
import { deleteAutomation } from '../../../usecases/automations/deleteAutomation';
import { getAutomation } from '../../../usecases/automations/getAutomation';
import { listAutomationRuns } from '../../../usecases/automations/listAutomationRuns';
import { listAutomations } from '../../../usecases/automations/listAutomations';
import { updateAutomation } from '../../../usecases/automations/updateAutomation';
import { defineRoute } from '../../route';
import { presentAutomation, presentRun } from './present';
import { automationParams, createAutomationBody, listAutomationsQuery, listRunsQuery, updateAutomationBody } from './schema';

/** Automations under Settings → Instagram (or WhatsApp) → Prompt Settings: agents read, admins change. */
export function automationRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, ctx, { method: 'GET', url: '/api/automations', summary: 'List automations', tag: 'automations', access: 'agent', query: listAutomationsQuery },
    async ({ user, query }) => {
      const listed = await listAutomations(ctx, { workspaceId: user.workspaceId, channelId: query.channelId, channel: query.channel });
      return { automations: listed.map(({ automation, channelKind }) => presentAutomation(automation, channelKind)) };
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/automations/:id', summary: 'Get an automation', tag: 'automations', access: 'agent', params: automationParams },
    async ({ user, params }) => {
      const { automation, channelKind } = await getAutomation(ctx, { workspaceId: user.workspaceId, automationId: params.id });
      return { automation: presentAutomation(automation, channelKind) };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/automations', summary: 'Create an automation', tag: 'automations', access: 'admin', body: createAutomationBody, status: 201 },
    async ({ user, body }) => {
      const { channelId, channel, ...automation } = body;
      const created = await createAutomation(ctx, { workspaceId: user.workspaceId, actorId: user.id, channelId, channel, automation });
      return { automation: presentAutomation(created.automation, created.channelKind) };
    });

  defineRoute(app, ctx, { method: 'PATCH', url: '/api/automations/:id', summary: 'Change an automation', tag: 'automations', access: 'admin', params: automationParams, body: updateAutomationBody },
    async ({ user, params, body }) => {
      const updated = await updateAutomation(ctx, { workspaceId: user.workspaceId, actorId: user.id, automationId: params.id, patch: body });
      return { automation: presentAutomation(updated.automation, updated.channelKind) };
    });

  defineRoute(app, ctx, { method: 'DELETE', url: '/api/automations/:id', summary: 'Delete an automation', tag: 'automations', access: 'admin', params: automationParams, status: 204 },
    async ({ user, params }) => {
      await deleteAutomation(ctx, { workspaceId: user.workspaceId, actorId: user.id, automationId: params.id });
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/automations/:id/runs', summary: "List an automation's runs, newest first", tag: 'automations', access: 'agent', params: automationParams, query: listRunsQuery },
    async ({ user, params, query }) => {
      const { runs, nextBefore } = await listAutomationRuns(ctx, { workspaceId: user.workspaceId, automationId: params.id, ...query });
      return { runs: runs.map(presentRun), nextBefore };
    });
}
