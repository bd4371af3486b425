import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import { replyWithTemplate } from '../../../usecases/conversations/replyWithTemplate';
import { listWhatsAppTemplates, type TemplateView } from '../../../usecases/templates/listWhatsAppTemplates';
import { refreshWhatsAppTemplates } from '../../../usecases/templates/refreshWhatsAppTemplates';
import { defineRoute } from '../../route';
import { presentMessage } from '../conversations/present';
import { conversationParams, templateListQuery, templateRefreshBody, templateReplyBody } from './schema';

const tag = 'templates';

const present = (t: TemplateView) => ({
  name: t.name,
  language: t.language,
  category: t.category,
  status: t.status,
  sendable: t.sendable,
  components: t.components,
  variables: t.variables.map((v) => ({ label: v.label, where: v.where, position: v.position, ...(v.buttonIndex !== undefined && { buttonIndex: v.buttonIndex }) })),
  syncedAt: t.syncedAt,
});

export function templateRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, ctx, { method: 'GET', url: '/api/whatsapp/templates', summary: 'List the WhatsApp message templates as last read from Meta', tag, access: 'agent', query: templateListQuery },
    async ({ user, query }) => ({ templates: (await listWhatsAppTemplates(ctx, { workspaceId: user.workspaceId, channelId: query.channelId })).map(present) }));

  defineRoute(app, ctx, { method: 'POST', url: '/api/whatsapp/templates/refresh', summary: 'Read the WhatsApp message templates from Meta now (refreshError: why Meta did not answer)', tag, access: 'agent', body: templateRefreshBody },
    async ({ user, body }) => {
      const result = await refreshWhatsAppTemplates(ctx, { workspaceId: user.workspaceId, channelId: body?.channelId });
      return { templates: result.templates.map(present), ...(result.refreshError && { refreshError: result.refreshError }) };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/conversations/:id/template', summary: 'Send an approved WhatsApp template to the customer', tag, access: 'agent', params: conversationParams, body: templateReplyBody, status: 201 },
    async ({ user, params, body }) => {
      const { message } = await replyWithTemplate(ctx, {
        workspaceId: user.workspaceId,
        agentId: user.id,
        conversationId: params.id,
        template: { name: body.name, language: body.language },
        variables: body.variables,
        channel: body.channel,
      });
      return { message: presentMessage(message) };
    });
}
