import { z } from 'zod';

/**
 * The transport both Graph clients share: Bearer auth, JSON in and out, a timeout, and Meta's
 * error envelope turned into a GraphApiError that says whether retrying can help.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface GraphTransportOptions {
  /** e.g. `https://graph.facebook.com/v25.0` or the sandbox's `${publicUrl}/sandbox/graph/v25.0`. */
  apiUrl: string;
  accessToken: string;
  fetch?: FetchLike;
  /** Per request; Meta answers sends well under a second, so a hang is treated as transient. */
  timeoutMs?: number;
}

/** Codes Meta uses for throttling and temporary trouble: retrying later can succeed. */
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 613, 80007, 130429, 131048, 131056, 131057]);

export interface GraphApiErrorFields {
  httpStatus?: number;
  code?: number;
  subcode?: number;
  type?: string;
  title?: string;
  details?: string;
  fbtraceId?: string;
  isTransient?: boolean;
  /** Set when no HTTP answer arrived (DNS, refused, reset, timeout). */
  network?: boolean;
}

export class GraphApiError extends Error {
  readonly httpStatus?: number;
  readonly code?: number;
  readonly subcode?: number;
  readonly type?: string;
  /** Meta's `error_user_title`, meant for people. */
  readonly title?: string;
  /** WhatsApp's `error_data.details`, the most specific explanation Meta gives. */
  readonly details?: string;
  readonly fbtraceId?: string;
  /** True when the same request may succeed later (network, timeout, 5xx, 429, rate limits). */
  readonly transient: boolean;

  constructor(message: string, fields: GraphApiErrorFields = {}) {
    super(message);
    this.name = 'GraphApiError';
    this.httpStatus = fields.httpStatus;
    this.code = fields.code;
    this.subcode = fields.subcode;
    this.type = fields.type;
    this.title = fields.title;
    this.details = fields.details;
    this.fbtraceId = fields.fbtraceId;
    this.transient = isTransient(fields);
  }
}

function isTransient(f: GraphApiErrorFields): boolean {
  if (f.network) return true;
  if (f.isTransient === true) return true;
  if (f.httpStatus !== undefined && (f.httpStatus >= 500 || f.httpStatus === 429)) return true;
  return f.code !== undefined && TRANSIENT_CODES.has(f.code);
}

const errorEnvelope = z.object({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    error_data: z.looseObject({ details: z.string().optional() }).optional().catch(undefined),
    fbtrace_id: z.string().optional(),
    is_transient: z.boolean().optional(),
  }),
});

export class GraphTransport {
  private readonly fetchImpl: FetchLike;
  private readonly apiUrl: string;

  constructor(private readonly options: GraphTransportOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
  }

  /** Sends a request and returns the response body checked against `schema`. */
  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    return this.exchange(method, path, schema, body === undefined ? undefined : { contentType: 'application/json', body: JSON.stringify(body) });
  }

  /** Sends a multipart form (media uploads); fetch writes the boundary and the parts. */
  async requestForm<T>(path: string, schema: z.ZodType<T>, form: FormData): Promise<T> {
    return this.exchange('POST', path, schema, { body: form });
  }

  /**
   * Downloads a file Meta points at (a media URL from `GET /<media-id>`), with the token: Meta's
   * media URLs refuse requests without it. Reads at most `maxBytes`, so a file over Meta's limit
   * is refused without being held in memory.
   */
  async download(url: string, maxBytes: number): Promise<DownloadedFile> {
    return downloadFile(this.fetchImpl, url, maxBytes, { authorization: `Bearer ${this.options.accessToken}` }, this.options.timeoutMs ?? 60_000);
  }

  private async exchange<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, payload?: { contentType?: string; body: string | FormData }): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${this.apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.accessToken}`,
          accept: 'application/json',
          ...(payload?.contentType ? { 'content-type': payload.contentType } : {}),
        },
        body: payload?.body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new GraphApiError(
        timedOut ? `Graph API did not answer ${method} ${path} in time` : `Graph API unreachable: ${String(error)}`,
        { network: true },
      );
    }
    const json = safeJson(text);
    if (!response.ok) throw toGraphError(response.status, json, text);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new GraphApiError(`Graph API answered ${method} ${path} with an unexpected body: ${text.slice(0, 200)}`, {
        httpStatus: response.status,
      });
    }
    return parsed.data;
  }
}

export interface DownloadedFile {
  bytes: Uint8Array;
  /** The media type of the answer, without parameters (`audio/ogg`, not `audio/ogg; codecs=opus`). */
  contentType: string;
}

/** A file over the size Braid accepts for its kind: retrying cannot help. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number, readonly size?: number) {
    super(`the file is larger than ${formatBytes(maxBytes)}${size === undefined ? '' : ` (${formatBytes(size)})`}`);
    this.name = 'FileTooLargeError';
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

/**
 * GETs a URL into memory, stopping at `maxBytes`. HTTP errors become GraphApiError (5xx and 429
 * transient, the rest not: an expired CDN URL stays expired).
 */
export async function downloadFile(fetchImpl: FetchLike, url: string, maxBytes: number, headers: Record<string, string>, timeoutMs: number): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new GraphApiError(`could not download the file: ${(error as Error).message}`, { network: true });
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    const envelope = toGraphError(response.status, safeJson(text), text);
    throw new GraphApiError(`the file's URL answered HTTP ${response.status}${text ? `: ${text.slice(0, 120)}` : ''}`, {
      httpStatus: response.status,
      code: envelope.code,
    });
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new FileTooLargeError(maxBytes, declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new FileTooLargeError(maxBytes);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const contentType = (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0].trim().toLowerCase();
  return { bytes, contentType };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toGraphError(httpStatus: number, json: unknown, text: string): GraphApiError {
  const envelope = errorEnvelope.safeParse(json);
  if (!envelope.success) {
    return new GraphApiError(`Graph API answered HTTP ${httpStatus}: ${text.slice(0, 200)}`, { httpStatus });
  }
  const e = envelope.data.error;
  return new GraphApiError(e.error_user_msg ?? e.message ?? `Graph API error ${e.code ?? httpStatus}`, {
    httpStatus,
    code: e.code,
    subcode: e.error_subcode,
    type: e.type,
    title: e.error_user_title,
    details: e.error_data?.details,
    fbtraceId: e.fbtrace_id,
    isTransient: e.is_transient,
  });
}

/** A request the client refuses before it reaches Meta (Meta would answer code 100 anyway). */
export function invalidParameter(message: string): GraphApiError {
  return new GraphApiError(message, { code: 100, type: 'InvalidParameter' });
}
