import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import { notFound } from '../../../domain/shared/errors';
import { createAutomation, findChannel } from '../../../usecases/automations/createAutomation';
import { deleteAutomation } from '../../../usecases/automations/deleteAutomation';
import { updateAutomation } from '../../../usecases/automations/updateAutomation';
import { defineRoute } from '../../route';
import { presentAutomation, presentRun } from './present';
import { automationParams, createAutomationBody, listAutomationsQuery, listRunsQuery, updateAutomationBody } from './schema';

/** Automations under Settings → Instagram (or WhatsApp) → Prompt Settings: agents read, admins change. */
export function automationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { repos } = ctx.store;
  const kindsOf = async (workspaceId: string) => new Map((await repos.channels.list(workspaceId)).map((c) => [c.id, c.kind]));

  defineRoute(app, ctx, { method: 'GET', url: '/api/automations', summary: 'List automations', tag: 'automations', access: 'agent', query: listAutomationsQuery },
    async ({ user, query }) => {
      const channelId = query.channelId ?? (query.channel && (await findChannel(repos, user.workspaceId, undefined, query.channel)).id);
      const kinds = await kindsOf(user.workspaceId);
      const automations = await repos.automations.list(user.workspaceId, { channelId });
      return { automations: automations.map((a) => presentAutomation(a, kinds.get(a.channelId))) };
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/automations/:id', summary: 'Get an automation', tag: 'automations', access: 'agent', params: automationParams },
    async ({ user, params }) => {
      const automation = await repos.automations.get(user.workspaceId, params.id);
      if (!automation) throw notFound('automation_not_found', 'No such automation in this workspace.');
      return { automation: presentAutomation(automation, (await kindsOf(user.workspaceId)).get(automation.channelId)) };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/automations', summary: 'Create an automation', tag: 'automations', access: 'admin', body: createAutomationBody, status: 201 },
    async ({ user, body }) => {
      const { channelId, channel, ...automation } = body;
      const created = await createAutomation(ctx, { workspaceId: user.workspaceId, actorId: user.id, channelId, channel, automation });
      return { automation: presentAutomation(created, (await kindsOf(user.workspaceId)).get(created.channelId)) };
    });

  defineRoute(app, ctx, { method: 'PATCH', url: '/api/automations/:id', summary: 'Change an automation', tag: 'automations', access: 'admin', params: automationParams, body: updateAutomationBody },
    async ({ user, params, body }) => {
      const updated = await updateAutomation(ctx, { workspaceId: user.workspaceId, actorId: user.id, automationId: params.id, patch: body });
      return { automation: presentAutomation(updated, (await kindsOf(user.workspaceId)).get(updated.channelId)) };
    });

  defineRoute(app, ctx, { method: 'DELETE', url: '/api/automations/:id', summary: 'Delete an automation', tag: 'automations', access: 'admin', params: automationParams, status: 204 },
    async ({ user, params }) => {
      await deleteAutomation(ctx, { workspaceId: user.workspaceId, actorId: user.id, automationId: params.id });
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/automations/:id/runs', summary: "List an automation's runs, newest first", tag: 'automations', access: 'agent', params: automationParams, query: listRunsQuery },
    async ({ user, params, query }) => {
      const automation = await repos.automations.get(user.workspaceId, params.id);
      if (!automation) throw notFound('automation_not_found', 'No such automation in this workspace.');
      const cursor = query.before ? await repos.automationRuns.get(user.workspaceId, query.before) : undefined;
      const runs = await repos.automationRuns.listForAutomation(automation.id, {
        limit: query.limit,
        state: query.state,
        before: cursor && { startedAt: cursor.startedAt, id: cursor.id },
      });
      return { runs: runs.map(presentRun), nextBefore: runs.length === query.limit ? runs[runs.length - 1].id : null };
    });
}
