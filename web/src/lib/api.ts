import { z } from 'zod';

/**
 * The one way the UI talks to Braid's JSON API. Every response is checked
 * against a zod schema, so a changed server shape fails loudly at the boundary
 * instead of somewhere deep in a component.
 */

/** An error answered by the API (`{"error":{"code","message"}}`), or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  get isForbidden(): boolean {
    return this.status === 403;
  }
}

const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions<T> {
  method?: Method;
  body?: unknown;
  /** Shape of a successful JSON response; omit for 204 answers. */
  schema?: z.ZodType<T>;
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /**
   * A 401 is an expected answer for this call (signing in, asking who is
   * signed in), not a sign that the session ran out.
   */
  unauthorizedIsExpected?: boolean;
}

type UnauthorizedListener = (error: ApiError) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called whenever a request meets an unexpected 401, i.e. the session has expired or was revoked. */
export function onSessionExpired(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function urlFor(path: string, query: RequestOptions<unknown>['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readError(response: Response): Promise<ApiError> {
  const fallback = `The server answered ${response.status} ${response.statusText}`.trim();
  try {
    const parsed = errorBodySchema.safeParse(await response.json());
    if (parsed.success) {
      return new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
    }
  } catch {
    // Not JSON (a proxy's error page, for example): fall through to the status line.
  }
  return new ApiError(response.status, `http_${response.status}`, `${fallback}.`);
}

export async function apiRequest<T = void>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const { method = 'GET', body, schema, query, signal, unauthorizedIsExpected = false } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(urlFor(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'Braid cannot be reached. Check your connection and try again.');
  }

  if (!response.ok) {
    const error = await readError(response);
    if (error.isUnauthorized && !unauthorizedIsExpected) {
      for (const listener of unauthorizedListeners) listener(error);
    }
    throw error;
  }

  if (!schema || response.status === 204) return undefined as T;
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiError(response.status, 'invalid_response', 'The server sent a response that is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${path}`, parsed.error.issues);
    throw new ApiError(response.status, 'invalid_response', 'The server sent a response this page does not understand.');
  }
  return parsed.data;
}

export const api = {
  get: <T>(path: string, schema: z.ZodType<T>, options: Omit<RequestOptions<T>, 'method' | 'schema' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'GET', schema }),
  post: <T = void>(path: string, body?: unknown, schema?: z.ZodType<T>, options: Omit<RequestOptions<T>, 'method' | 'schema' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'POST', body, schema }),
  patch: <T = void>(path: string, body: unknown, schema?: z.ZodType<T>) =>
    apiRequest<T>(path, { method: 'PATCH', body, schema }),
  delete: <T = void>(path: string, schema?: z.ZodType<T>) => apiRequest<T>(path, { method: 'DELETE', schema }),
};

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}

/** Timestamps arrive as epoch milliseconds or ISO strings; both become a Date. */
export const timestampSchema = z.union([z.number(), z.string()]).transform((value) => new Date(value));
