import type { FastifyError, FastifyInstance } from 'fastify';
import { type AppError, errorBody, isAppError } from '../../domain/shared/errors';

/**
 * One error handler: a user-facing error keeps its status and message; a framework 4xx
 * (bad JSON, body too large) is worded for the caller; anything else is a 500 whose
 * details stay in the log, never in the answer.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (isAppError(error)) return reply.code(error.status).send(errorBody(error));
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: codeFor(fastifyError), message: messageFor(fastifyError) } });
    }
    const storage = storageProblem(error);
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

function storageProblem(error: Error): string | undefined {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY')) {
    return 'The database file is read-only. Nothing was saved; an operator must fix its permissions.';
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return 'The database is locked by another process. Nothing was saved; please try again.';
  }
  if (code === 'ECONNREFUSED' || code === '57P01' || code === '08006') {
    return 'The database is unreachable. Nothing was saved; please try again shortly.';
  }
  return undefined;
}
