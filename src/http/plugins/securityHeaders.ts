import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response: the web app, the API and the sandbox alike. The built web
 * app loads only its own scripts, so scripts need no 'unsafe-inline'; React sets some inline style
 * attributes, which style-src allows. Images and media may come from Meta's CDNs (https). Nobody
 * may frame Braid (clickjacking). HSTS only when Braid is served over https, since a browser that
 * saw it on http://localhost would refuse plain http there for a year.
 */
export async function registerSecurityHeaders(app: FastifyInstance, publicUrl: string): Promise<void> {
  const https = publicUrl.startsWith('https://');
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        mediaSrc: ["'self'", 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https && { upgradeInsecureRequests: [] }),
      },
    },
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    // The inbox opens Meta's CDN media; cross-origin isolation would block it.
    crossOriginEmbedderPolicy: false,
  });
}
