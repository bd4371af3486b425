import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { ChannelKind } from '../../store/schema';
import { checkVerifyToken } from '../../usecases/channels/checkVerifyToken';
import { verifyWebhookSignature } from '../../usecases/channels/verifyWebhookSignature';
import { ingestWebhookEvents } from '../../usecases/ingest/ingestWebhookEvents';

/** WhatsApp documents payloads of up to 3 MB; Instagram's are smaller. */
export const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

const handshakeQuery = z.object({
  'hub.mode': z.literal('subscribe'),
  'hub.verify_token': z.string(),
  'hub.challenge': z.string().min(1).max(200),
});

/**
 * Meta's webhooks, outside /api: no session cookie and no Origin check, because each POST is
 * signed with the app secret instead. The body is kept as raw bytes (the signature covers the
 * exact bytes; re-serialised JSON never matches), verified, persisted, and only then acknowledged.
 */
export function webhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));

    for (const channel of ['instagram', 'whatsapp'] as const) {
      scope.get(`/webhooks/${channel}`, async (request, reply) => answerHandshake(ctx, request, reply));
      scope.post(`/webhooks/${channel}`, { bodyLimit: WEBHOOK_BODY_LIMIT }, async (request, reply) =>
        receiveDelivery(ctx, channel, request, reply),
      );
    }
  });
}

/** The dashboard's verification: echo the challenge as plain text when the token matches. */
async function answerHandshake(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const query = handshakeQuery.safeParse(request.query);
  if (!query.success || !(await checkVerifyToken(ctx, query.data['hub.verify_token']))) {
    return reply.code(403).send({ error: { code: 'verification_failed', message: 'The verify token does not match META_VERIFY_TOKEN.' } });
  }
  return reply.code(200).type('text/plain; charset=utf-8').send(query.data['hub.challenge']);
}

async function receiveDelivery(ctx: AppContext, channel: ChannelKind, request: FastifyRequest, reply: FastifyReply) {
  const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const signature = request.headers['x-hub-signature-256'];
  const check = await verifyWebhookSignature(ctx, { kind: channel, rawBody, signature: typeof signature === 'string' ? signature : undefined });
  if (!check) {
    ctx.metrics.webhookDeliveries.inc({ channel, outcome: 'unauthorized' });
    return reply.code(401).send({
      error: { code: 'invalid_signature', message: 'X-Hub-Signature-256 is missing or does not match the body signed with the app secret.' },
    });
  }
  const result = await ingestWebhookEvents(ctx, { channel, rawBody, unsignedAccounts: check.unsigned });
  return reply.code(200).send({ received: true, delivery: result.deliveryId, outcome: result.outcome });
}
