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

/** What an agent may attach: the kind a file is sent as, by its type (images, PDFs and audio). */
const SENDABLE_TYPES: Record<MediaChannel, Record<string, 'image' | 'audio' | 'file'>> = {
  whatsapp: {
    'image/jpeg': 'image', 'image/png': 'image', 'application/pdf': 'file',
    'audio/aac': 'audio', 'audio/amr': 'audio', 'audio/mpeg': 'audio', 'audio/mp4': 'audio', 'audio/ogg': 'audio',
  },
  instagram: {
    'image/jpeg': 'image', 'image/png': 'image', 'application/pdf': 'file',
    'audio/aac': 'audio', 'audio/mp4': 'audio', 'audio/x-m4a': 'audio', 'audio/wav': 'audio', 'audio/mpeg': 'audio',
  },
};

/**
 * Files travel from the browser as base64 inside JSON, so one upload is capped here (a third more
 * on the wire); above it, WhatsApp's larger document limit is not reachable from the composer.
 */
export const ATTACHMENT_UPLOAD_MAX = 25 * MB;

/** The kind a file of this type is sent as on the channel, or undefined when it cannot be sent. */
export function sendableKind(channel: MediaChannel, contentType: string): 'image' | 'audio' | 'file' | undefined {
  return SENDABLE_TYPES[channel][contentType.split(';')[0].trim().toLowerCase()];
}

/** Why an agent's file cannot go to the channel, or null when it can. */
export function attachmentProblem(channel: MediaChannel, contentType: string, size: number): string | null {
  const kind = sendableKind(channel, contentType);
  const name = channel === 'whatsapp' ? 'WhatsApp' : 'Instagram';
  if (!kind) return `${name} takes JPEG or PNG images, PDF documents and audio files; this file is ${contentType || 'of an unknown type'}.`;
  if (size === 0) return 'The file is empty.';
  const limit = Math.min(mediaSizeLimit(channel, kind), ATTACHMENT_UPLOAD_MAX);
  if (size > limit) return `${name} takes ${KIND_NAMES[kind]} up to ${formatSize(limit)}; this file is ${formatSize(size)}.`;
  return null;
}

const KIND_NAMES = { image: 'images', audio: 'audio files', file: 'documents' } as const;
