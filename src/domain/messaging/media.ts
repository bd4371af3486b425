/**
 * What Braid accepts as a message's file, by channel and kind: Meta's own limits (reference
 * §7.4 WhatsApp, §7.5 Instagram). A file over its limit is refused before any byte is kept.
 */

export type MediaChannel = 'instagram' | 'whatsapp';
/** The attachment types Braid downloads and stores (events' AttachmentType). */
export type MediaKind = 'image' | 'audio' | 'video' | 'file' | 'sticker';

const MB = 1024 * 1024;

const LIMITS: Record<MediaChannel, Record<MediaKind, number>> = {
  whatsapp: { image: 5 * MB, audio: 16 * MB, video: 16 * MB, file: 100 * MB, sticker: 500 * 1024 },
  instagram: { image: 8 * MB, audio: 25 * MB, video: 25 * MB, file: 25 * MB, sticker: 8 * MB },
};

export function isMediaKind(type: string): type is MediaKind {
  return type === 'image' || type === 'audio' || type === 'video' || type === 'file' || type === 'sticker';
}

export function mediaSizeLimit(channel: MediaChannel, kind: MediaKind): number {
  return LIMITS[channel][kind];
}

/** `5 MB`, `500 KB`, `812 bytes`: sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Types a browser shows inline; anything else is served as a download (`Content-Disposition: attachment`). */
export function isInlineType(contentType: string): boolean {
  return /^(image|audio|video)\//i.test(contentType) && !/^image\/svg/i.test(contentType);
}
