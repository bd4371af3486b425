import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/shared/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery defence for the cookie-authenticated API: a state-changing
 * request must come from Braid's own origin. Browsers always send Origin on such requests;
 * a request with neither Origin nor Referer is refused too. Webhooks are not cookie
 * authenticated (they are signed) and are not under /api.
 */
export function registerCsrf(app: FastifyInstance, publicUrl: string): void {
  const publicOrigin = new URL(publicUrl).origin;
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    const source = request.headers.origin ?? originOf(request.headers.referer);
    const hostOrigin = `${request.protocol}://${request.headers.host}`;
    if (!source || (source !== publicOrigin && source !== hostOrigin)) {
      throw new AppError(
        'cross_site_request',
        403,
        source
          ? `Requests from ${source} are not allowed. Use Braid from ${publicOrigin}.`
          : 'This request has no Origin header. Send it from the Braid app or set Origin to Braid’s own address.',
      );
    }
  });
}

function originOf(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
