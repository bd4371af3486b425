import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context';
import { isInlineType } from '../../../domain/messaging/media';
import { getMediaFile } from '../../../usecases/media/getMediaFile';
import { openMediaLink } from '../../../usecases/media/mediaLinks';
import { retryMediaDownload } from '../../../usecases/media/retryMediaDownload';
import { defineRoute } from '../../route';
import { mediaLinkQuery, mediaParams } from './schema';

export function mediaRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'media';

  // A customer chose these bytes: the browser must take the stored type as given (nosniff), and
  // shows inline only what it renders passively; anything else (a PDF, an HTML file) downloads.
  defineRoute(app, ctx, { method: 'GET', url: '/api/media/:id', summary: "A message's file (signed-in agents of its workspace)", tag, access: 'agent', params: mediaParams },
    async ({ user, params, reply }) => {
      const { file, bytes, contentType } = await getMediaFile(ctx, { workspaceId: user.workspaceId, mediaFileId: params.id });
      const inline = isInlineType(contentType);
      const name = file.filename ?? `${file.kind}-${file.id}`;
      return reply
        .header('content-type', contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });

  // Meta fetches an agent's file here (Instagram sends by URL): the signature is the only access.
  defineRoute(app, ctx, { method: 'GET', url: '/media-links/:id', summary: 'A file an agent sent, by its signed, expiring link (no session)', tag, access: 'public', params: mediaParams, query: mediaLinkQuery },
    async ({ params, query, reply }) => {
      const { bytes, contentType } = await openMediaLink(ctx, { mediaFileId: params.id, expires: query.expires, signature: query.signature });
      return reply
        .header('content-type', contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });

  defineRoute(app, ctx, { method: 'POST', url: '/api/media/:id/retry', summary: 'Download a file that failed again', tag, access: 'agent', params: mediaParams, status: 202 },
    async ({ user, params }) => {
      await retryMediaDownload(ctx, { workspaceId: user.workspaceId, mediaFileId: params.id });
      return { ok: true };
    });
}
