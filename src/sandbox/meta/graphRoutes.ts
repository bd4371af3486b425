import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalidToken, PlatformGraphError } from './graphErrors';
import type { WhatsAppUpload } from './media';
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
      const { id } = request.params;
      const token = tokenOf(request);
      const isWhatsApp = platform.hostsAccount('whatsapp', id);
      // `/me` is whichever Instagram account the token belongs to; an id must come with its own token.
      const instagramAccount = id === 'me' ? platform.instagramAccountByToken(token)?.accountId : id;
      platform.checkToken(isWhatsApp ? 'whatsapp' : 'instagram', token, isWhatsApp ? id : instagramAccount);
      const accepted = isWhatsApp
        ? await platform.handleWhatsAppSend(id, request.body)
        : await platform.handleInstagramSend(id, request.body, instagramAccount);
      await platform.answerWhenReleased();
      return accepted;
    }),
  );

  app.get<{ Params: Params; Querystring: { limit?: string; after?: string } }>('/graph/:version/:id/message_templates', async (request, reply) =>
    answer(platform, request, reply, async () => {
      const number = platform.whatsappNumbers.find((n) => n.businessAccountId === request.params.id);
      platform.checkToken('whatsapp', tokenOf(request), number?.phoneNumberId);
      const self = `${request.protocol}://${request.host}${request.url.split('?')[0]}`;
      return platform.messageTemplates(request.params.id, request.query ?? {}, self);
    }),
  );

  app.get<{ Params: Params }>('/graph/:version/:id', async (request, reply) =>
    answer(platform, request, reply, async () => {
      // A WhatsApp media id: its facts and a fresh short-lived download URL, for the WhatsApp token only.
      const media = platform.media.whatsappMediaInfo(request.params.id);
      if (media) {
        platform.checkToken('whatsapp', tokenOf(request));
        return media;
      }
      if (platform.hostsAccount('whatsapp', request.params.id)) {
        platform.checkToken('whatsapp', tokenOf(request), request.params.id);
        return platform.whatsappNumber(request.params.id);
      }
      const token = tokenOf(request);
      platform.checkToken('instagram', token, platform.hostsAccount('instagram', request.params.id) ? request.params.id : undefined);
      return platform.profile(request.params.id, token);
    }),
  );

  app.post<{ Params: Params }>('/graph/:version/:id/subscribed_apps', async (request, reply) =>
    answer(platform, request, reply, async () => {
      const number = platform.whatsappNumbers.find((n) => n.businessAccountId === request.params.id);
      const channel = number ? 'whatsapp' : 'instagram';
      const account = number?.phoneNumberId ?? (platform.hostsAccount('instagram', request.params.id) ? request.params.id : undefined);
      platform.checkToken(channel, tokenOf(request), account);
      return platform.subscribeApp(channel, request.params.id);
    }),
  );

  app.post<{ Params: Params }>('/graph/:version/:id/media', async (request, reply) =>
    answer(platform, request, reply, async () => {
      platform.checkToken('whatsapp', tokenOf(request), platform.hostsAccount('whatsapp', request.params.id) ? request.params.id : undefined);
      return platform.uploadWhatsAppMedia(request.params.id, await uploadOf(request));
    }),
  );

  // The short-lived URL of a WhatsApp media id: without the token "the request will fail"; an
  // expired URL answers 404, after which a client asks `GET /<media-id>` for a fresh one.
  app.get<{ Params: { id: string } }>('/whatsapp-media/:id', async (request, reply) => {
    if (!platform.acceptsToken('whatsapp', tokenOf(request))) {
      const error = invalidToken('whatsapp');
      return reply.code(error.httpStatus).send(error.body);
    }
    const failure = platform.media.takeDownloadFailure();
    if (failure) return reply.code(failure).type('text/plain').send('Service unavailable');
    const file = platform.media.open('whatsapp-media', request.params.id, request.query as Record<string, unknown>);
    if (typeof file === 'string') return reply.code(404).type('text/plain').send(file === 'expired' ? 'URL expired' : 'Not found');
    return reply.type(file.mimeType).header('content-length', file.bytes.length).send(file.bytes);
  });

  // Instagram's CDN: no token, and signed URLs that stop working.
  app.get<{ Params: { id: string } }>('/ig-cdn/:id', async (request, reply) => {
    const failure = platform.media.takeDownloadFailure();
    if (failure) return reply.code(failure).type('text/plain').send('Service unavailable');
    const file = platform.media.open('ig-cdn', request.params.id, request.query as Record<string, unknown>);
    if (file === 'expired') return reply.code(403).type('text/plain').send('URL signature expired');
    if (file === 'not_found') return reply.code(403).type('text/plain').send('Bad URL hash');
    return reply.type(file.mimeType).send(file.bytes);
  });
}

/** The multipart form of `POST /<phone-number-id>/media`: messaging_product, type and file. */
async function uploadOf(request: FastifyRequest): Promise<WhatsAppUpload> {
  const body = request.body;
  if (!(body instanceof Buffer)) return {};
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': String(request.headers['content-type']) } }).formData();
  } catch {
    return {};
  }
  const file = form.get('file');
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  return {
    messagingProduct: text('messaging_product'),
    type: text('type'),
    file: file instanceof Blob ? { bytes: Buffer.from(await file.arrayBuffer()), mimeType: file.type, filename: (file as File).name || undefined } : undefined,
  };
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
