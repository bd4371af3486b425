import type { FastifyInstance } from 'fastify';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { AppContext } from '../../../context';
import { dismissMergeSuggestion } from '../../../usecases/contactMerge/dismissMergeSuggestion';
import { eraseContact } from '../../../usecases/contacts/eraseContact';
import { exportContact } from '../../../usecases/contacts/exportContact';
import { getContact } from '../../../usecases/contacts/getContact';
import { getContactTimeline } from '../../../usecases/contacts/getContactTimeline';
import { listContactHistory } from '../../../usecases/contacts/listContactHistory';
import { listContacts } from '../../../usecases/contacts/listContacts';
import { listMergeSuggestions } from '../../../usecases/contactMerge/listMergeSuggestions';
import { mergeContacts } from '../../../usecases/contactMerge/mergeContacts';
import { previewMerge } from '../../../usecases/contactMerge/previewMerge';
import { defineRoute } from '../../route';
import { presentMessage } from '../conversations/present';
import { presentContact } from './present';
import { contactParams, dismissSuggestionBody, eraseBody, exportQuery, listContactsQuery, mergeBody, mergePreviewQuery, timelineQuery } from './schema';

const tag = 'contacts';

export function contactRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, ctx, { method: 'GET', url: '/api/contacts', summary: 'Search contacts', tag, access: 'agent', query: listContactsQuery },
    async ({ user, query }) => {
      const before = query.beforeCreatedAt !== undefined && query.beforeId ? { createdAt: query.beforeCreatedAt, id: query.beforeId } : undefined;
      const page = await listContacts(ctx, { workspaceId: user.workspaceId, query: query.q, limit: query.limit, before });
      return { contacts: page.contacts.map((c) => ({ ...presentContact(c), identities: c.identities })), next: page.next };
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/contacts/:id', summary: 'A contact with its identities per channel, tags, notes, pending merge requests and invites', tag, access: 'agent', params: contactParams },
    async ({ user, params }) => {
      const view = await getContact(ctx, { workspaceId: user.workspaceId, contactId: params.id });
      return { ...view, contact: presentContact(view.contact) };
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/contacts/:id/timeline', summary: 'Messages of every channel of the contact, in time order', tag, access: 'agent', params: contactParams, query: timelineQuery },
    async ({ user, params, query }) => {
      const before = query.beforeTs !== undefined && query.beforeId ? { platformTs: query.beforeTs, id: query.beforeId } : undefined;
      const page = await getContactTimeline(ctx, { workspaceId: user.workspaceId, contactId: params.id, limit: query.limit, before });
      return { contactId: page.contactId, messages: page.messages.map((m) => presentMessage(m)), nextBefore: page.nextBefore };
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/contacts/:id/merge-preview', summary: 'Dry run of merging two contacts: the result, what moves, conflicts', tag, access: 'agent', params: contactParams, query: mergePreviewQuery },
    async ({ user, params, query }) => {
      const preview = await previewMerge(ctx, { workspaceId: user.workspaceId, contactId: params.id, withContactId: query.with });
      return { ...preview, result: presentContact(preview.result) };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/contacts/:id/merge', summary: 'Merge another contact into this one (the Instagram contact survives)', tag, access: 'agent', params: contactParams, body: mergeBody },
    async ({ user, params, body }) => {
      const result = await mergeContacts(ctx, {
        workspaceId: user.workspaceId,
        contactId: params.id,
        withContactId: body.with,
        actor: { type: 'user', id: user.id },
        confirmed: body.confirm,
        reason: body.reason ?? null,
      });
      const { snapshot: _kept, ...merge } = result.merge;
      return { merge, survivorId: result.survivorId, mergedId: result.mergedId };
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/contacts/:id/history', summary: 'Audit trail of the contact: invites, syncs, merges, undos', tag, access: 'agent', params: contactParams },
    async ({ user, params }) => listContactHistory(ctx, { workspaceId: user.workspaceId, contactId: params.id }));

  defineRoute(app, ctx, { method: 'GET', url: '/api/contacts/:id/suggestions', summary: 'Contacts that are probably the same customer', tag, access: 'agent', params: contactParams },
    async ({ user, params }) => {
      const result = await listMergeSuggestions(ctx, { workspaceId: user.workspaceId, contactId: params.id });
      return { contactId: result.contactId, suggestions: result.suggestions.map((s) => ({ ...s, contact: presentContact(s.contact) })) };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/contacts/:id/suggestions/dismiss', summary: 'Stop suggesting a contact as the same customer', tag, access: 'agent', params: contactParams, body: dismissSuggestionBody, status: 204 },
    async ({ user, params, body }) => {
      await dismissMergeSuggestion(ctx, { workspaceId: user.workspaceId, contactId: params.id, otherContactId: body.otherContactId, actorId: user.id });
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/contacts/:id/export', summary: 'Download everything Braid keeps about the customer: a zip of the JSON and the media files, or ?format=json (braid.contact-export v2, see docs/contact-export.md)', tag, access: 'admin', params: contactParams, query: exportQuery },
    async ({ user, params, query, reply }) => {
      const zip = query.format === 'zip';
      const { contactId, document, files } = await exportContact(ctx, { workspaceId: user.workspaceId, contactId: params.id, actorId: user.id, withFiles: zip });
      reply.header('cache-control', 'no-store');
      if (!zip) {
        reply.header('content-disposition', `attachment; filename="contact-${contactId}.json"`);
        return document;
      }
      const entries: Zippable = { [`contact-${contactId}.json`]: strToU8(JSON.stringify(document, null, 2)) };
      // Photos, audio and video are compressed already: stored as they are.
      for (const file of files) entries[file.path] = [file.bytes, { level: 0 }];
      reply.header('content-disposition', `attachment; filename="contact-${contactId}.zip"`);
      return reply.type('application/zip').send(Buffer.from(zipSync(entries)));
    });

  defineRoute(app, ctx, { method: 'DELETE', url: '/api/contacts/:id', summary: 'Delete everything Braid keeps about the customer, across linked contacts and channels (confirmName must match)', tag, access: 'admin', params: contactParams, body: eraseBody },
    async ({ user, params, body }) => eraseContact(ctx, { workspaceId: user.workspaceId, contactId: params.id, actorId: user.id, confirmName: body.confirmName }));
}
