import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import { assignConversation } from '../../../usecases/conversations/assignConversation';
import { getConversation } from '../../../usecases/conversations/getConversation';
import { listConversationMessages } from '../../../usecases/conversations/listConversationMessages';
import { listConversations } from '../../../usecases/conversations/listConversations';
import { markConversationRead } from '../../../usecases/conversations/markConversationRead';
import { attachFile } from '../../../usecases/conversations/attachFile';
import { replyToConversation } from '../../../usecases/conversations/replyToConversation';
import { defineRoute } from '../../route';
import { presentConversation, presentMessage } from './present';
import { assignBody, ATTACHMENT_BODY_LIMIT, attachBody, conversationParams, encodeCursor, listConversationsQuery, listMessagesQuery, replyBody } from './schema';

export function conversationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'conversations';

  defineRoute(app, ctx, { method: 'GET', url: '/api/conversations', summary: 'List conversations of both channels', tag, access: 'agent', query: listConversationsQuery },
    async ({ user, query }) => {
      const page = await listConversations(ctx, {
        workspaceId: user.workspaceId,
        userId: user.id,
        assignee: query.assignee,
        channel: query.channel,
        account: query.account,
        status: query.status,
        query: query.q,
        after: query.cursor && { lastMessageAt: query.cursor.time, id: query.cursor.id },
        limit: query.limit,
      });
      return {
        conversations: page.conversations.map(presentConversation),
        nextCursor: page.next && encodeCursor(page.next.lastMessageAt, page.next.id),
      };
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/conversations/:id', summary: 'Get a conversation and the channels it can be answered on', tag, access: 'agent', params: conversationParams },
    async ({ user, params }) => {
      const detail = await getConversation(ctx, { workspaceId: user.workspaceId, conversationId: params.id });
      return { conversation: presentConversation(detail.conversation), replyChannels: detail.replyChannels };
    });

  defineRoute(app, ctx, { method: 'GET', url: '/api/conversations/:id/messages', summary: 'List messages of a conversation, or of the whole contact', tag, access: 'agent', params: conversationParams, query: listMessagesQuery },
    async ({ user, params, query }) => {
      const page = await listConversationMessages(ctx, {
        workspaceId: user.workspaceId,
        conversationId: params.id,
        scope: query.scope,
        before: query.cursor && { platformTs: query.cursor.time, id: query.cursor.id },
        limit: query.limit,
      });
      return { messages: page.messages.map((m) => presentMessage(m, page.files)), nextCursor: page.next && encodeCursor(page.next.platformTs, page.next.id) };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/conversations/:id/messages', summary: 'Reply to the customer', tag, access: 'agent', params: conversationParams, body: replyBody, status: 201 },
    async ({ user, params, body }) => {
      const { message } = await replyToConversation(ctx, {
        workspaceId: user.workspaceId,
        agentId: user.id,
        conversationId: params.id,
        content: body.content ?? { kind: 'text', text: body.text! },
        channel: body.channel,
      });
      return { message: presentMessage(message) };
    });

  // JSON with base64 content: no multipart parser is needed, and the body limit is this route's own.
  defineRoute(app, ctx, { method: 'POST', url: '/api/conversations/:id/attachments', summary: 'Send the customer a file (image, PDF or audio, base64)', tag, access: 'agent', params: conversationParams, body: attachBody, status: 201, bodyLimit: ATTACHMENT_BODY_LIMIT },
    async ({ user, params, body }) => {
      const { message } = await attachFile(ctx, {
        workspaceId: user.workspaceId,
        agentId: user.id,
        conversationId: params.id,
        filename: body.filename,
        contentType: body.contentType,
        bytes: Buffer.from(body.contentBase64, 'base64'),
        channel: body.channel,
      });
      return { message: presentMessage(message) };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/conversations/:id/assign', summary: 'Assign a conversation (userId "me", a user id, or null)', tag, access: 'agent', params: conversationParams, body: assignBody },
    async ({ user, params, body }) => {
      const view = await assignConversation(ctx, {
        workspaceId: user.workspaceId,
        actorId: user.id,
        conversationId: params.id,
        assigneeId: body.userId === 'me' ? user.id : body.userId,
      });
      return { conversation: presentConversation(view) };
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/conversations/:id/read', summary: 'Mark a conversation read', tag, access: 'agent', params: conversationParams },
    async ({ user, params }) => {
      const view = await markConversationRead(ctx, { workspaceId: user.workspaceId, conversationId: params.id });
      return { conversation: presentConversation(view) };
    });
}
