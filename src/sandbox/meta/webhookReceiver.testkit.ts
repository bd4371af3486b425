import Fastify from 'fastify';
import { verifySignature } from '../../channels/meta/signature';

/**
 * A stand-in for Braid's webhook endpoint, for tests: a plain Fastify server that keeps the raw
 * bytes, checks X-Hub-Signature-256 on them, and answers with whatever status the test wants.
 */

export interface ReceivedWebhook {
  path: string;
  raw: string;
  json: any;
  headers: Record<string, string | string[] | undefined>;
  signatureValid: boolean;
  answeredWith: number;
  at: number;
}

export async function startWebhookReceiver(appSecret: string, answer: (nth: number, path: string) => number = () => 200) {
  const received: ReceivedWebhook[] = [];
  const app = Fastify({ logger: false });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/webhooks/:channel', async (request, reply) => {
    const raw = request.body as Buffer;
    const status = answer(received.length + 1, request.url);
    received.push({
      path: request.url,
      raw: raw.toString('utf8'),
      json: JSON.parse(raw.toString('utf8')),
      headers: request.headers,
      signatureValid: verifySignature(raw, request.headers['x-hub-signature-256'] as string | undefined, appSecret),
      answeredWith: status,
      at: Date.now(),
    });
    return reply.code(status).send(status < 300 ? 'EVENT_RECEIVED' : 'nope');
  });
  app.get('/webhooks/:channel', async (request, reply) => {
    const q = request.query as Record<string, string>;
    if (q['hub.mode'] === 'subscribe' && q['hub.verify_token'] === 'verify-me') return reply.send(q['hub.challenge']);
    return reply.code(403).send('forbidden');
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    received,
    urls: { instagram: `${url}/webhooks/instagram`, whatsapp: `${url}/webhooks/whatsapp` },
    close: () => app.close(),
  };
}
