import { createHash } from 'node:crypto';
import type { AppContext } from '../../context';
import { checkMediaLink, MEDIA_LINK_TTL_MS, mediaLinkPath } from '../../domain/messaging/mediaLink';
import { AppError } from '../../domain/shared/errors';
import type { MediaFile } from '../../store/repositories/mediaFiles';

/**
 * The key media links are signed with: derived from the secret key when Braid has one, else from
 * Meta's app secret, which every web node shares too (a link signed on one node opens on another).
 */
function linkKey(ctx: AppContext): string {
  return ctx.secrets?.derive('media-links') ?? createHash('sha256').update(`braid:media-links:${ctx.config.meta.appSecret}`).digest('base64url');
}

/** A link under BRAID_PUBLIC_URL that serves this one file, without a session, for an hour. */
export function mediaLinkUrl(ctx: AppContext, mediaFileId: string): string {
  return `${ctx.config.publicUrl}${mediaLinkPath(linkKey(ctx), mediaFileId, ctx.clock.now() + MEDIA_LINK_TTL_MS)}`;
}

export interface OpenMediaLinkInput {
  mediaFileId: string;
  expires: number;
  signature: string;
}

/**
 * The file a signed link names. A changed id, expiry or signature answers 403; an expired link,
 * or a file that is gone, 404, as Meta would treat any dead URL.
 */
export async function openMediaLink(ctx: AppContext, input: OpenMediaLinkInput): Promise<{ file: MediaFile; bytes: Uint8Array; contentType: string }> {
  const check = checkMediaLink(linkKey(ctx), input.mediaFileId, input.expires, input.signature, ctx.clock.now());
  if (check === 'tampered') throw new AppError('media_link_invalid', 403, 'This file link is not valid.');
  if (check === 'expired') throw new AppError('media_link_expired', 404, 'This file link has expired.');
  const file = await ctx.store.repos.mediaFiles.findById(input.mediaFileId);
  const stored = file?.state === 'stored' && file.storageKey ? await ctx.media.get(file.storageKey) : undefined;
  if (!file || !stored) throw new AppError('media_not_found', 404, 'There is no such file.');
  return { file, bytes: stored.bytes, contentType: file.contentType ?? stored.contentType };
}
