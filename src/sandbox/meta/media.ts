import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { graphError } from './graphErrors';
import { digits } from './ids';
import type { SandboxChannel } from './state';

/**
 * Files on the simulated platform, with Meta's lifetimes (reference §7.4, §7.5):
 * - WhatsApp media ids: `GET /<media-id>` answers a URL valid for 5 minutes, downloadable only
 *   with the business's token; ids from webhooks last 7 days, uploaded ones 30 days.
 * - Instagram attachments: a signed CDN URL, no token, that stops working after a few days
 *   (Meta states no lifetime; 3 days here, and `expireUrls` ends every URL at once for tests).
 * Bytes live in memory: a restarted sandbox forgets them, as Meta forgets expired media.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const WHATSAPP_MEDIA_URL_TTL_MS = 5 * MINUTE;
export const WHATSAPP_WEBHOOK_MEDIA_TTL_MS = 7 * DAY;
export const WHATSAPP_UPLOAD_MEDIA_TTL_MS = 30 * DAY;
export const INSTAGRAM_CDN_TTL_MS = 3 * DAY;

/** Meta's per-type upload limits for WhatsApp (media#supported-media-types). */
export const WHATSAPP_UPLOAD_LIMITS: Record<string, number> = {
  image: 5 * 1024 * 1024,
  audio: 16 * 1024 * 1024,
  video: 16 * 1024 * 1024,
  document: 100 * 1024 * 1024,
  sticker: 500 * 1024,
};

export interface PlatformFile {
  id: string;
  channel: SandboxChannel;
  bytes: Buffer;
  mimeType: string;
  /** base64, as WhatsApp sends it. */
  sha256: string;
  filename?: string;
  createdAt: number;
  /** When the media id itself stops existing. */
  expiresAt: number;
}

export class PlatformMedia {
  private readonly files = new Map<string, PlatformFile>();
  private baseUrl = '';
  /** URLs carry the generation they were issued in; `expireUrls` starts a new one. */
  private generation = 0;

  constructor(private readonly secret: string, private readonly now: () => number) {}

  /** Where the platform is reachable, e.g. `http://127.0.0.1:4100` or `${publicUrl}/sandbox`. */
  setBaseUrl(url: string): void {
    this.baseUrl = url.replace(/\/+$/, '');
  }

  add(channel: SandboxChannel, file: { bytes: Buffer; mimeType: string; filename?: string }, lifetimeMs: number): PlatformFile {
    const now = this.now();
    const stored: PlatformFile = {
      id: channel === 'whatsapp' ? `1${digits(15)}` : `ig${digits(16)}`,
      channel,
      bytes: file.bytes,
      mimeType: file.mimeType,
      sha256: createHash('sha256').update(file.bytes).digest('base64'),
      filename: file.filename,
      createdAt: now,
      expiresAt: now + lifetimeMs,
    };
    this.files.set(stored.id, stored);
    return stored;
  }

  /** A file whose id has not expired. */
  get(id: string): PlatformFile | undefined {
    const file = this.files.get(id);
    return file && file.expiresAt > this.now() ? file : undefined;
  }

  /** `GET /<media-id>` on WhatsApp: the file's facts and a fresh 5-minute URL. */
  whatsappMediaInfo(id: string): Record<string, string> | undefined {
    const file = this.get(id);
    if (!file || file.channel !== 'whatsapp') return undefined;
    return {
      messaging_product: 'whatsapp',
      url: this.signedUrl('whatsapp-media', file.id, WHATSAPP_MEDIA_URL_TTL_MS),
      mime_type: file.mimeType,
      sha256: file.sha256,
      file_size: String(file.bytes.length),
      id: file.id,
    };
  }

  /** The CDN URL an Instagram webhook carries for this file. */
  instagramCdnUrl(file: PlatformFile): string {
    return this.signedUrl('ig-cdn', file.id, INSTAGRAM_CDN_TTL_MS);
  }

  /** The file a signed URL names, or why it cannot be had. */
  open(kind: 'whatsapp-media' | 'ig-cdn', id: string, query: Record<string, unknown>): PlatformFile | 'expired' | 'not_found' {
    const generation = Number(query.og);
    const expires = Number(query.oe);
    const signature = String(query.sig ?? '');
    const expected = this.sign(kind, id, generation, expires);
    if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return 'not_found';
    if (expires <= this.now() || generation !== this.generation) return 'expired';
    return this.files.get(id) ?? 'not_found';
  }

  private readonly downloadFailures: number[] = [];

  /** The next `count` downloads (WhatsApp media URLs, Instagram CDN) answer `httpStatus`: Meta's bad moments, for tests. */
  failNextDownloads(count: number, httpStatus: number): void {
    for (let i = 0; i < count; i++) this.downloadFailures.push(httpStatus);
  }

  takeDownloadFailure(): number | undefined {
    return this.downloadFailures.shift();
  }

  /** Every URL issued so far stops working (media ids stay valid: a fresh `GET /<id>` works). */
  expireUrls(): void {
    this.generation += 1;
  }

  private signedUrl(kind: 'whatsapp-media' | 'ig-cdn', id: string, ttlMs: number): string {
    const expires = this.now() + ttlMs;
    const query = new URLSearchParams({ og: String(this.generation), oe: String(expires), sig: this.sign(kind, id, this.generation, expires) });
    return `${this.baseUrl}/${kind}/${id}?${query}`;
  }

  private sign(kind: string, id: string, generation: number, expires: number): string {
    return createHmac('sha256', this.secret).update(`${kind}:${id}:${generation}:${expires}`).digest('hex');
  }
}

export const unknownMedia = (id: string) =>
  graphError('whatsapp', {
    code: 100,
    subcode: 33,
    message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  });

/** The value at `path` inside a JSON body, if every step on the way is an object. */
function at(body: unknown, ...path: string[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const WHATSAPP_MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'];

/** A send by media id must name a file the business uploaded (or received) that has not expired. */
export function checkWhatsAppMediaId(media: PlatformMedia, body: unknown): void {
  const type = at(body, 'type');
  if (typeof type !== 'string' || !WHATSAPP_MEDIA_TYPES.includes(type)) return;
  const id = at(body, type, 'id');
  if (id !== undefined && !media.get(String(id))) {
    throw graphError('whatsapp', { code: 131009, message: '(#131009) Parameter value is not valid', details: `Media id ${String(id)} does not exist or has expired` });
  }
}

export interface WhatsAppUpload {
  messagingProduct?: string;
  type?: string;
  file?: { bytes: Buffer; mimeType: string; filename?: string };
}

/** MIME types WhatsApp accepts per kind (media#supported-media-types). */
const WHATSAPP_UPLOAD_TYPES: Record<string, string[]> = {
  image: ['image/jpeg', 'image/png'],
  audio: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
  video: ['video/mp4', 'video/3gpp'],
  document: [
    'text/plain', 'application/pdf', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
  sticker: ['image/webp'],
};

export function acceptWhatsAppUpload(media: PlatformMedia, upload: WhatsAppUpload): PlatformFile {
  if (upload.messagingProduct !== 'whatsapp') throw graphError('whatsapp', { code: 100, message: '(#100) The parameter messaging_product is required.' });
  if (!upload.file) throw graphError('whatsapp', { code: 100, message: '(#100) The parameter file is required.' });
  const declared = (upload.type ?? upload.file.mimeType).split(';')[0].trim();
  const kind = Object.keys(WHATSAPP_UPLOAD_TYPES).find((k) => WHATSAPP_UPLOAD_TYPES[k].includes(declared));
  const fileType = upload.file.mimeType.split(';')[0].trim();
  if (!kind || (fileType && fileType !== 'application/octet-stream' && fileType !== declared)) {
    throw graphError('whatsapp', { code: 131053, message: '(#131053) Media upload error', details: `Uploaded file type ${fileType || 'unknown'} does not match the type ${declared}, or the type is not supported` });
  }
  const limit = WHATSAPP_UPLOAD_LIMITS[kind];
  if (upload.file.bytes.length > limit) {
    throw graphError('whatsapp', { code: 131053, message: '(#131053) Media upload error', details: `${kind} files may be at most ${limit} bytes; this one is ${upload.file.bytes.length}` });
  }
  return media.add('whatsapp', { bytes: upload.file.bytes, mimeType: declared, filename: upload.file.filename }, WHATSAPP_UPLOAD_MEDIA_TTL_MS);
}
