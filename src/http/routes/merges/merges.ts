import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import type { Merge } from '../../../store/repositories/merges';
import { sendWhatsAppInvite } from '../../../usecases/contactMerge/sendWhatsAppInvite';
import { sendInstagramLink } from '../../../usecases/contactMerge/sendInstagramLink';
import { acceptMergeRequest } from '../../../usecases/contactMerge/acceptMergeRequest';
import { rejectMergeRequest } from '../../../usecases/contactMerge/rejectMergeRequest';
import { undoMerge } from '../../../usecases/contactMerge/undoMerge';
import { defineRoute } from '../../route';
import { idParams, rejectBody, undoBody } from './schema';

const tag = 'merge';

/** The snapshot is for undo only; it never leaves the server. */
const presentMerge = ({ snapshot: _kept, ...merge }: Merge) => merge;

export function mergeRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, ctx, { method: 'POST', url: '/api/conversations/:id/whatsapp-invite', summary: 'Send the Instagram customer a WhatsApp invite (Connect button)', tag, access: 'agent', params: idParams, status: 201 },
    async ({ user, params }) => {
      const { invite, item, message, superseded } = await sendWhatsAppInvite(ctx, { workspaceId: user.workspaceId, conversationId: params.id, actorId: user.id });
      const { codeHash: _hidden, ...shown } = invite;
      return { invite: shown, itemId: item.id, messageId: message.id, superseded };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/conversations/:id/instagram-link', summary: 'Send the WhatsApp customer an Instagram link (Open Instagram button)', tag, access: 'agent', params: idParams, status: 201 },
    async ({ user, params }) => {
      const { invite, item, message, superseded } = await sendInstagramLink(ctx, { workspaceId: user.workspaceId, conversationId: params.id, actorId: user.id });
      const { codeHash: _hidden, ...shown } = invite;
      return { invite: shown, itemId: item.id, messageId: message.id, superseded };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/merge-requests/:id/accept', summary: 'Merge: accept a merge request', tag, access: 'agent', params: idParams },
    async ({ user, params }) => {
      const { request, merge } = await acceptMergeRequest(ctx, { workspaceId: user.workspaceId, mergeRequestId: params.id, actorId: user.id });
      return { mergeRequest: request, merge: presentMerge(merge) };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/merge-requests/:id/reject', summary: 'Reject a merge request (nothing is merged)', tag, access: 'agent', params: idParams, body: rejectBody },
    async ({ user, params, body }) => {
      const { request } = await rejectMergeRequest(ctx, { workspaceId: user.workspaceId, mergeRequestId: params.id, actorId: user.id, reason: body.reason });
      return { mergeRequest: request };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/merges/:id/undo', summary: 'Undo a merge: both contacts as they were', tag, access: 'agent', params: idParams, body: undoBody },
    async ({ user, params, body }) => {
      const { merge } = await undoMerge(ctx, { workspaceId: user.workspaceId, mergeId: params.id, actor: { type: 'user', id: user.id }, reason: body.reason });
      return { merge: presentMerge(merge) };
    });
}
