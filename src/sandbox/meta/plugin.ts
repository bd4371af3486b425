import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { ZodError } from 'zod';
import { controlCharacterProblem } from '../../domain/shared/controlCharacters';
import { registerControlRoutes } from './controlRoutes';
import { registerGraphRoutes } from './graphRoutes';
import { MetaPlatform, UnknownCustomerError, type MetaPlatformOptions } from './platform';

/**
 * The simulated Meta platform as a Fastify plugin. Braid registers it under `/sandbox` when
 * sandbox mode is on (its Graph base URL is then `${publicUrl}/sandbox/graph/v25.0`); tests start
 * it on its own port with startMetaPlatform. Either pass a ready `platform` (so the caller keeps
 * a handle on it) or the options to build one.
 */
export type MetaPlatformPluginOptions = { platform: MetaPlatform } | MetaPlatformOptions;

export const metaPlatformPlugin: FastifyPluginAsync<MetaPlatformPluginOptions> = async (app, options) => {
  const platform = 'platform' in options ? options.platform : new MetaPlatform(options);
  if (!('platform' in options)) app.addHook('onClose', async () => platform.close());

  // Braid may parse JSON as raw bytes for its own webhook routes; Meta's API parses JSON itself.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('the body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });

  // Media uploads (`POST /<phone-number-id>/media`) are multipart; Meta takes up to 100 MB documents.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: 101 * 1024 * 1024 }, (_request, body, done) => done(null, body));

  // No account is needed here: a control character (PostgreSQL refuses NUL) is the caller's 400, as in Braid's API.
  app.addHook('preValidation', async (request, reply) => {
    const problem = controlCharacterProblem(request.params) ?? controlCharacterProblem(request.query) ?? controlCharacterProblem(request.body);
    if (problem) return reply.code(400).send({ error: { code: 'invalid_request', message: problem } });
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return reply.code(400).send({ error: { code: 'invalid_request', message: `${where}${issue?.message ?? 'invalid body'}` } });
    }
    if (error instanceof UnknownCustomerError) {
      return reply.code(404).send({ error: { code: 'customer_not_found', message: error.message } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: 'bad_request', message: (error as Error).message } });
    }
    reply.log.error(error);
    return reply.code(500).send({ error: { code: 'internal', message: 'the simulated platform failed; see its log' } });
  });

  await registerGraphRoutes(app, platform);
  await registerControlRoutes(app, platform);
};

export interface RunningMetaPlatform {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** Base URL for the Graph clients: `${url}/graph/v25.0`. */
  graphUrl: string;
  platform: MetaPlatform;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Starts the platform alone on 127.0.0.1 (port 0 = any free port). */
export async function startMetaPlatform(options: MetaPlatformOptions & { port?: number; host?: string }): Promise<RunningMetaPlatform> {
  const platform = new MetaPlatform(options);
  const app = Fastify({ logger: false });
  await app.register(metaPlatformPlugin, { platform });
  const address = await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const url = address.replace('[::1]', '127.0.0.1');
  platform.setPublicUrl(url);
  return {
    url,
    graphUrl: `${url}/graph/v25.0`,
    platform,
    app,
    async close() {
      platform.close();
      await app.close();
    },
  };
}
