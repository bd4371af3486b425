import type { FastifyError, FastifyInstance } from 'fastify';
import { type AppError, errorBody, isAppError } from '../../domain/shared/errors';
import type { StorageFailure } from '../../store/store';

/**
 * One error handler: a user-facing error keeps its status and message; a framework 4xx
 * (bad JSON, body too large) is worded for the caller; anything else is a 500 whose
 * details stay in the log, never in the answer.
 */
export function registerErrorHandling(app: FastifyInstance, failureOf: (error: unknown) => StorageFailure | null): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (isAppError(error)) {
      // A 429 that knows when the caller may retry says it in the standard header too.
      const retryAfter = error.details?.retryAfterSeconds;
      if (error.status === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.code(error.status).send(errorBody(error));
    }
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: codeFor(fastifyError), message: messageFor(fastifyError) } });
    }
    const storage = STORAGE_PROBLEM[failureOf(error) ?? 'none'];
    if (storage) {
      request.log.error({ err: error }, 'storage unavailable');
      return reply.code(503).send({ error: { code: 'storage_unavailable', message: storage } });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply
      .code(500)
      .send({ error: { code: 'internal', message: 'Something went wrong on our side. It has been logged; please try again.' } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: `There is no ${request.method} ${request.url.split('?')[0]}.` } });
  });
}

function codeFor(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'invalid_json';
    default:
      return error.statusCode === 429 ? 'rate_limited' : 'bad_request';
  }
}

function messageFor(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the body as application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The JSON body is empty.';
    default:
      return error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
        ? 'The request body is not valid JSON.'
        : error.message;
  }
}

/** What a caller is told when the database, not the request, is the problem: nothing was saved. */
const STORAGE_PROBLEM: Record<StorageFailure | 'none', string | undefined> = {
  read_only: 'The database file is read-only. Nothing was saved; an operator must fix its permissions.',
  busy: 'The database is locked by another process. Nothing was saved; please try again.',
  unavailable: 'The database is unreachable. Nothing was saved; please try again shortly.',
  unique_violation: undefined,
  none: undefined,
};
