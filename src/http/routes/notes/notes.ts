import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import { addContactNote, deleteContactNote, editContactNote } from '../../../usecases/contacts/noteContact';
import { defineRoute } from '../../route';
import { noteBody, noteParams } from './schema';

const tag = 'contacts';

export function noteRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, ctx, { method: 'POST', url: '/api/contacts/:id/notes', summary: 'Add a note to a contact', tag, access: 'agent', params: noteParams, body: noteBody, status: 201 },
    async ({ user, params, body }) => ({
      note: await addContactNote(ctx, { workspaceId: user.workspaceId, contactId: params.id, actor: user, body: body.body }),
    }));

  defineRoute(app, ctx, { method: 'PATCH', url: '/api/notes/:id', summary: 'Edit a note (its author or an admin)', tag, access: 'agent', params: noteParams, body: noteBody },
    async ({ user, params, body }) => ({
      note: await editContactNote(ctx, { workspaceId: user.workspaceId, noteId: params.id, actor: user, body: body.body }),
    }));

  defineRoute(app, ctx, { method: 'DELETE', url: '/api/notes/:id', summary: 'Delete a note (its author or an admin)', tag, access: 'agent', params: noteParams, status: 204 },
    async ({ user, params }) => {
      await deleteContactNote(ctx, { workspaceId: user.workspaceId, noteId: params.id, actor: user });
    });
}
