import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { authRoutes } from './auth/auth';
import { channelRoutes } from './channels/channels';
import { contactRoutes } from './contacts/contacts';
import { automationRoutes } from './automations/automations';
import { conversationRoutes } from './conversations/conversations';
import { eventRoutes } from './events';
import { mediaRoutes } from './media/media';
import { mergeRoutes } from './merges/merges';
import { noteRoutes } from './notes/notes';
import { systemRoutes } from './system';
import { tagRoutes } from './tags/tags';
import { templateRoutes } from './templates/templates';
import { userRoutes } from './users/users';
import { webhookRoutes } from './webhooks';
import { workspaceRoutes } from './workspace/workspace';

/** Every route group of the API. Add new resources here. */
export function registerRoutes(app: FastifyInstance, ctx: AppContext): void {
  systemRoutes(app, ctx);
  authRoutes(app, ctx);
  userRoutes(app, ctx);
  eventRoutes(app, ctx);
  channelRoutes(app, ctx);
  contactRoutes(app, ctx);
  tagRoutes(app, ctx);
  noteRoutes(app, ctx);
  mergeRoutes(app, ctx);
  workspaceRoutes(app, ctx);
  automationRoutes(app, ctx);
  webhookRoutes(app, ctx);
  conversationRoutes(app, ctx);
  templateRoutes(app, ctx);
  mediaRoutes(app, ctx);
}
