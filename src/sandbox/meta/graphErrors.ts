import { newFbtraceId } from './ids';

/**
 * Meta's error envelopes, as the real Graph API writes them (reference §2.4, §3.3, §3.5).
 * A thrown PlatformGraphError is answered by the Graph routes with `httpStatus` and `body`.
 */

export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: 'whatsapp'; details: string };
    is_transient?: boolean;
    error_user_title?: string;
    error_user_msg?: string;
    fbtrace_id: string;
  };
}

export class PlatformGraphError extends Error {
  constructor(readonly httpStatus: number, readonly body: GraphErrorBody) {
    super(body.error.message);
  }
}

interface ErrorSpec {
  code: number;
  message: string;
  httpStatus?: number;
  subcode?: number;
  type?: string;
  /** WhatsApp only: filled into error_data.details. */
  details?: string;
  isTransient?: boolean;
}

export function graphError(channel: 'instagram' | 'whatsapp', spec: ErrorSpec): PlatformGraphError {
  const error: GraphErrorBody['error'] = {
    message: spec.message,
    type: spec.type ?? 'OAuthException',
    code: spec.code,
    fbtrace_id: newFbtraceId(),
  };
  if (spec.subcode !== undefined) error.error_subcode = spec.subcode;
  if (channel === 'whatsapp' && spec.code !== 190) {
    error.error_data = { messaging_product: 'whatsapp', details: spec.details ?? spec.message.replace(/^\(#\d+\)\s*/, '') };
  }
  if (spec.isTransient !== undefined) error.is_transient = spec.isTransient;
  return new PlatformGraphError(spec.httpStatus ?? 400, { error });
}

export const invalidToken = (channel: 'instagram' | 'whatsapp') =>
  graphError(channel, {
    code: 190,
    httpStatus: 401,
    message: 'Invalid OAuth access token - Cannot parse access token',
  });

/** Reference §7: code 190 with subcode 463, the token's validity ended. */
export const expiredToken = (channel: 'instagram' | 'whatsapp') =>
  graphError(channel, {
    code: 190,
    subcode: 463,
    httpStatus: 401,
    message: 'Error validating access token: Session has expired.',
  });

export const invalidParameter = (channel: 'instagram' | 'whatsapp', message: string, subcode?: number) =>
  graphError(channel, { code: 100, message: `(#100) ${message}`, subcode });

export const unknownObject = (channel: 'instagram' | 'whatsapp', id: string) =>
  graphError(channel, {
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  });

export const instagramNoSuchUser = () =>
  graphError('instagram', { code: 100, subcode: 2018001, message: '(#100) No matching user found' });

export const instagramOutsideWindow = () =>
  graphError('instagram', { code: 10, subcode: 2534022, message: '(#10) This message is sent outside of allowed window.' });

export const whatsappUndeliverable = () =>
  graphError('whatsapp', { code: 131026, message: '(#131026) Message Undeliverable.', details: 'Message Undeliverable.' });

export const WHATSAPP_WINDOW_DETAILS =
  'Message failed to send because more than 24 hours have passed since the customer last replied to this number.';

export const whatsappOutsideWindow = () =>
  graphError('whatsapp', { code: 131047, message: '(#131047) Re-engagement message', details: WHATSAPP_WINDOW_DETAILS });

/** The envelope for an injected failure (`failNextSends`), with Meta's usual wording per code. */
export function injectedError(channel: 'instagram' | 'whatsapp', code: number, httpStatus?: number, message?: string): PlatformGraphError {
  const known: Record<number, { message: string; httpStatus: number; isTransient?: boolean }> = {
    1: { message: 'An unknown error occurred', httpStatus: 500, isTransient: true },
    2: { message: 'Service temporarily unavailable', httpStatus: 503, isTransient: true },
    4: { message: '(#4) Application request limit reached', httpStatus: 429, isTransient: true },
    10: { message: '(#10) This message is sent outside of allowed window.', httpStatus: 400 },
    100: { message: '(#100) Invalid parameter', httpStatus: 400 },
    190: { message: 'Invalid OAuth access token - Cannot parse access token', httpStatus: 401 },
    80007: { message: '(#80007) Rate limit issues', httpStatus: 429 },
    130429: { message: '(#130429) Rate limit hit', httpStatus: 429 },
    131026: { message: '(#131026) Message Undeliverable.', httpStatus: 400 },
    131047: { message: '(#131047) Re-engagement message', httpStatus: 400 },
    131048: { message: '(#131048) Spam rate limit hit', httpStatus: 429 },
    131056: { message: '(#131056) (Business Account, Consumer Account) pair rate limit hit', httpStatus: 429 },
    131057: { message: '(#131057) Account in maintenance mode', httpStatus: 503 },
  };
  const base = known[code] ?? { message: `(#${code}) Simulated error`, httpStatus: 400 };
  return graphError(channel, {
    code,
    message: message ?? base.message,
    httpStatus: httpStatus ?? base.httpStatus,
    subcode: channel === 'instagram' && code === 10 ? 2534022 : undefined,
    details: code === 131047 ? WHATSAPP_WINDOW_DETAILS : undefined,
    isTransient: base.isTransient,
  });
}
