import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { sameSecret } from '../../domain/auth/tokens';
import { checkHealth } from '../../usecases/system/checkHealth';
import { countJobsByState } from '../../usecases/system/countJobsByState';
import { openApiDocument } from '../route';

/** Operations endpoints: health for load balancers, metrics for Prometheus, the API description. */
export function systemRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async (_request, reply) => {
    const health = await checkHealth(ctx);
    if (health.status === 'ok') return health;
    return reply.code(503).send({ status: 'unavailable', error: { code: 'database_unreachable', message: health.problem } });
  });

  app.get('/metrics', async (request, reply) => {
    if (ctx.config.metricsToken && !bearerMatches(request.headers.authorization, ctx.config.metricsToken)) {
      return reply
        .code(401)
        .header('WWW-Authenticate', 'Bearer realm="metrics"')
        .send({ error: { code: 'metrics_token_required', message: 'Send the metrics token (BRAID_METRICS_TOKEN) as Authorization: Bearer <token>.' } });
    }
    for (const [state, count] of Object.entries(await countJobsByState(ctx))) ctx.metrics.jobsByState.set({ state }, count);
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });

  app.get('/api/openapi.json', async () => openApiDocument(ctx.config.publicUrl));

  app.get('/api/docs', async (_request, reply) => {
    const doc = openApiDocument(ctx.config.publicUrl) as { paths: Record<string, Record<string, { summary: string; 'x-access'?: string }>> };
    const rows = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(
          ([method, op]) =>
            `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary)}</td><td>${op['x-access'] ?? 'public'}</td></tr>`,
        ),
      )
      .join('\n');
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Braid API</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;color:#1f2933}table{border-collapse:collapse}td,th{padding:.35rem .8rem;border-bottom:1px solid #e4e7eb;text-align:left}</style></head>
<body><h1>Braid API</h1><p>Machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a>. Errors are <code>{"error":{"code","message"}}</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Who</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  return sameSecret(header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? '', token);
}
