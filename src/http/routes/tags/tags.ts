import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import { addContactTag, listWorkspaceTags, removeContactTag } from '../../../usecases/contacts/tagContact';
import { defineRoute } from '../../route';
import { contactTagParams, tagBody } from './schema';

const tag = 'contacts';

export function tagRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, ctx, { method: 'GET', url: '/api/tags', summary: 'The tags in use in the workspace (suggestions while tagging)', tag, access: 'agent' },
    async ({ user }) => listWorkspaceTags(ctx, { workspaceId: user.workspaceId }));

  defineRoute(app, ctx, { method: 'POST', url: '/api/contacts/:id/tags', summary: 'Tag a contact', tag, access: 'agent', params: contactTagParams, body: tagBody },
    async ({ user, params, body }) => addContactTag(ctx, { workspaceId: user.workspaceId, contactId: params.id, actorId: user.id, tag: body.tag }));

  defineRoute(app, ctx, { method: 'DELETE', url: '/api/contacts/:id/tags', summary: 'Remove a tag from a contact', tag, access: 'agent', params: contactTagParams, body: tagBody },
    async ({ user, params, body }) => removeContactTag(ctx, { workspaceId: user.workspaceId, contactId: params.id, actorId: user.id, tag: body.tag }));
}
