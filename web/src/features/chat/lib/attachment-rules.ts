import type { ChannelKind } from '../../../lib/channel-kind';

/**
 * What Meta takes as an agent's file (the server checks the same, src/domain/messaging/media.ts):
 * checked in the browser first, so a wrong file is said at once instead of after its upload.
 */
const MB = 1024 * 1024;
type SendKind = 'image' | 'audio' | 'file';

const TYPES: Record<ChannelKind, Record<string, SendKind>> = {
  whatsapp: {
    'image/jpeg': 'image', 'image/png': 'image', 'application/pdf': 'file',
    'audio/aac': 'audio', 'audio/amr': 'audio', 'audio/mpeg': 'audio', 'audio/mp4': 'audio', 'audio/ogg': 'audio',
  },
  instagram: {
    'image/jpeg': 'image', 'image/png': 'image', 'application/pdf': 'file',
    'audio/aac': 'audio', 'audio/mp4': 'audio', 'audio/x-m4a': 'audio', 'audio/wav': 'audio', 'audio/mpeg': 'audio',
  },
};

const UPLOAD_MAX = 25 * MB;
const LIMITS: Record<ChannelKind, Record<SendKind, number>> = {
  whatsapp: { image: 5 * MB, audio: 16 * MB, file: UPLOAD_MAX },
  instagram: { image: 8 * MB, audio: 25 * MB, file: 25 * MB },
};
const KIND_NAMES: Record<SendKind, string> = { image: 'images', audio: 'audio files', file: 'documents' };

export const ATTACHMENT_ACCEPT = 'image/jpeg,image/png,application/pdf,audio/*';

function size(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Why this file cannot be sent on the channel, or null when it can. */
export function attachmentProblem(channel: ChannelKind, file: { type: string; size: number }): string | null {
  const name = channel === 'whatsapp' ? 'WhatsApp' : 'Instagram';
  const kind = TYPES[channel][file.type.toLowerCase()];
  if (!kind) return `${name} takes JPEG or PNG images, PDF documents and audio files; this file is ${file.type || 'of an unknown type'}.`;
  if (file.size === 0) return 'The file is empty.';
  const limit = LIMITS[channel][kind];
  if (file.size > limit) return `${name} takes ${KIND_NAMES[kind]} up to ${size(limit)}; this file is ${size(file.size)}.`;
  return null;
}

/** The file's bytes as base64, as the upload route takes them. */
export async function fileToBase64(file: Blob): Promise<string> {
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}
