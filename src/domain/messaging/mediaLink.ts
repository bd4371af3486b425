import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A link to one stored file that Meta can fetch without a session (Instagram takes attachments
 * by URL only): the file id and an expiry, signed with a server key. Changing either breaks the
 * signature, and a link past its expiry is refused, so a leaked link opens that file, briefly.
 */

/** Long enough for Meta to fetch the file on a slow day; short enough that a leaked link dies. */
export const MEDIA_LINK_TTL_MS = 60 * 60 * 1000;

export function mediaLinkSignature(key: string, mediaFileId: string, expiresAt: number): string {
  return createHmac('sha256', key).update(`media-link:${mediaFileId}:${expiresAt}`).digest('base64url');
}

/** The path and query of a file's link; the caller puts it under BRAID_PUBLIC_URL. */
export function mediaLinkPath(key: string, mediaFileId: string, expiresAt: number): string {
  const signature = mediaLinkSignature(key, mediaFileId, expiresAt);
  return `/media-links/${encodeURIComponent(mediaFileId)}?expires=${expiresAt}&signature=${signature}`;
}

export type MediaLinkCheck = 'valid' | 'tampered' | 'expired';

export function checkMediaLink(key: string, mediaFileId: string, expiresAt: number, signature: string, now: number): MediaLinkCheck {
  const expected = Buffer.from(mediaLinkSignature(key, mediaFileId, expiresAt));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'tampered';
  return now > expiresAt ? 'expired' : 'valid';
}
