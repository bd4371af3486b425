import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { registerAuth } from './plugins/auth';
import { registerCsrf } from './plugins/csrf';
import { registerErrorHandling } from './plugins/errors';
import { registerSecurityHeaders } from './plugins/securityHeaders';
import { registerRoutes } from './routes/index';

export interface BuildAppOptions {
  /** Where the built web app is (dist/web); omitted in API-only tests. */
  webRoot?: string;
  /** Extra route groups mounted after the API (e.g. the sandbox), in the app's error handling. */
  mounts?: ((app: FastifyInstance) => Promise<void> | void)[];
}

/**
 * Fastify takes `true`, `false` and address lists as they are, but no longer honours a bare hop
 * count (it trusts nothing then). A count set by the operator means "this many proxies stand in
 * front of Braid": trust the socket peer and the hops after it, up to that many.
 */
function trustProxyOption(trust: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** The HTTP app, in a fixed order: external plugins, app plugins, routes, the web app. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    // Only the configured proxies may name the client: sign-in limits count per address.
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    // Request lines would drown the log at webhook rates; /metrics counts them instead.
    logController: new LogController({ disableRequestLogging: true }),
  });

  await app.register(cookie);
  await registerSecurityHeaders(app, ctx.config.publicUrl);

  registerErrorHandling(app, ctx.store.failureOf);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    ctx.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    ctx.metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  registerCsrf(app, ctx.config.publicUrl);
  registerAuth(app, ctx);

  registerRoutes(app, ctx);
  for (const mount of options.mounts ?? []) await mount(app);

  if (options.webRoot && fs.existsSync(path.join(options.webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(options.webRoot), wildcard: false });
    // The web app routes on the client: any other page path gets index.html. A catch-all GET route
    // (matched after every specific route) rather than a second not-found handler, which Fastify
    // refuses at the root once the error handling has set one.
    app.get('/*', (request, reply) => {
      const isPage = !/^\/(api|webhooks|sandbox\/(api|graph))\b/.test(request.url);
      if (isPage) return reply.type('text/html').sendFile('index.html');
      return reply.code(404).send({ error: { code: 'not_found', message: `There is no ${request.method} ${request.url.split('?')[0]}.` } });
    });
  }
  return app;
}
