import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PlatformGraphError } from './graphErrors';
import type { MetaPlatform } from './platform';

/**
 * Graph API endpoints under `/graph/v{major}.{minor}`: the same paths as graph.facebook.com and
 * graph.instagram.com, so Braid's clients need only a different base URL.
 */

const VERSION = /^v\d+\.\d+$/;

type Params = { version: string; id: string };

export async function registerGraphRoutes(app: FastifyInstance, platform: MetaPlatform): Promise<void> {
  app.post<{ Params: Params }>('/graph/:version/:id/messages', async (request, reply) =>
    answer(platform, request, reply, async () => {
      const isWhatsApp = request.params.id === platform.options.whatsappPhoneNumberId;
      const channel = isWhatsApp ? 'whatsapp' : 'instagram';
      platform.checkToken(channel, tokenOf(request));
      const accepted = isWhatsApp
        ? await platform.handleWhatsAppSend(request.params.id, request.body)
        : await platform.handleInstagramSend(request.params.id, request.body);
      await platform.answerWhenReleased();
      return accepted;
    }),
  );

  app.get<{ Params: Params; Querystring: { limit?: string; after?: string } }>('/graph/:version/:id/message_templates', async (request, reply) =>
    answer(platform, request, reply, async () => {
      platform.checkToken('whatsapp', tokenOf(request));
      const self = `${request.protocol}://${request.host}${request.url.split('?')[0]}`;
      return platform.messageTemplates(request.params.id, request.query ?? {}, self);
    }),
  );

  app.get<{ Params: Params }>('/graph/:version/:id', async (request, reply) =>
    answer(platform, request, reply, async () => {
      if (request.params.id === platform.options.whatsappPhoneNumberId) {
        platform.checkToken('whatsapp', tokenOf(request));
        return platform.whatsappNumber();
      }
      platform.checkToken('instagram', tokenOf(request));
      return platform.profile(request.params.id);
    }),
  );

  app.post<{ Params: Params }>('/graph/:version/:id/subscribed_apps', async (request, reply) =>
    answer(platform, request, reply, async () => {
      const channel = request.params.id === platform.options.whatsappBusinessAccountId ? 'whatsapp' : 'instagram';
      platform.checkToken(channel, tokenOf(request));
      return platform.subscribeApp(channel, request.params.id);
    }),
  );
}

async function answer(
  platform: MetaPlatform,
  request: FastifyRequest<{ Params: Params }>,
  reply: FastifyReply,
  handler: () => Promise<unknown>,
): Promise<unknown> {
  const latency = platform.getLatency();
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  if (!VERSION.test(request.params.version)) {
    return reply.code(400).send({ error: { message: 'Unknown path components: /' + request.params.version, type: 'OAuthException', code: 2500, fbtrace_id: 'sandbox' } });
  }
  try {
    return await handler();
  } catch (error) {
    if (error instanceof PlatformGraphError) {
      // Meta sets this header on its error answers; clients sometimes log it.
      if (error.httpStatus === 401) reply.header('www-authenticate', 'OAuth "Facebook Platform" "invalid_token"');
      return reply.code(error.httpStatus).send(error.body);
    }
    throw error;
  }
}

/** `Authorization: Bearer <token>`, or `?access_token=` as the Messenger-style API allows. */
function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.access_token === 'string' ? query.access_token : undefined;
}
