/**
 * The one error type every layer throws when a request cannot be served as asked.
 *
 * Why one type: use cases decide *what* went wrong (a code a client can branch on, a sentence a
 * person can act on); only the HTTP layer decides *how* it is shown, always as
 * `{"error":{"code","message"}}` with `status` as the HTTP status. Anything that is not an
 * AppError is a bug and is answered as a 500 without details.
 */

/** The statuses a domain rule may ask for; anything else is a server fault. */
export type AppErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 503;

export class AppError extends Error {
  override readonly name = 'AppError';

  /**
   * @param code    stable snake_case identifier, e.g. `reply_window_closed` (clients and tests match on it)
   * @param status  the HTTP status it maps to
   * @param message a sentence the reader can act on ("The invite code has expired. Send a new invite.")
   * @param details optional structured data for the client (never secrets)
   */
  constructor(
    readonly code: string,
    readonly status: AppErrorStatus,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The wire shape: `{"error":{"code","message"}}`, plus `details` when there are some. */
  toJSON(): ErrorBody {
    return errorBody(this);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Narrowing that also works across duplicated module instances (e.g. test runners). */
export function isAppError(value: unknown): value is AppError {
  return (
    value instanceof AppError ||
    (value instanceof Error &&
      value.name === 'AppError' &&
      typeof (value as AppError).code === 'string' &&
      typeof (value as AppError).status === 'number')
  );
}

/** The JSON body for an AppError; `details` only when present so the common shape stays minimal. */
export function errorBody(error: AppError): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}

type Details = Record<string, unknown> | undefined;

/** 400: the request itself is malformed or asks for something impossible. */
export const badRequest = (code: string, message: string, details?: Details): AppError =>
  new AppError(code, 400, message, details);
/** 401: nobody is signed in, or the credentials are wrong. */
export const unauthorized = (code: string, message: string, details?: Details): AppError =>
  new AppError(code, 401, message, details);
/** 403: signed in, but this role may not do it (e.g. an agent changing settings). */
export const forbidden = (code: string, message: string, details?: Details): AppError =>
  new AppError(code, 403, message, details);
/** 404: not found *in this workspace*; also used for other workspaces' ids so they do not leak. */
export const notFound = (code: string, message: string, details?: Details): AppError =>
  new AppError(code, 404, message, details);
/** 409: the current state forbids it (already merged, window closed, a race lost). */
export const conflict = (code: string, message: string, details?: Details): AppError =>
  new AppError(code, 409, message, details);
/** 410: it existed but is gone for good (used or expired links and codes). */
export const gone = (code: string, message: string, details?: Details): AppError =>
  new AppError(code, 410, message, details);
/** 413: the body or file is larger than accepted. */
export const tooLarge = (code: string, message: string, details?: Details): AppError =>
  new AppError(code, 413, message, details);
/** 422: well-formed but not valid by the rules (an automation whose step 3 cannot run). */
export const unprocessable = (code: string, message: string, details?: Details): AppError =>
  new AppError(code, 422, message, details);
/** 429: too many attempts; the message should say when to retry (`details.retryAfterSeconds` becomes Retry-After). */
export const tooMany = (code: string, message: string, details?: Details): AppError =>
  new AppError(code, 429, message, details);
/** 503: a dependency (database, Meta) is unavailable; retrying later may work. */
export const unavailable = (code: string, message: string, details?: Details): AppError =>
  new AppError(code, 503, message, details);
