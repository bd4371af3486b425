import { describe, expect, it } from 'vitest';
import {
  AppError, badRequest, conflict, errorBody, forbidden, gone, isAppError, notFound, tooLarge, tooMany,
  unauthorized, unavailable, unprocessable,
} from './errors';

describe('AppError', () => {
  it('keeps code, status, message and details', () => {
    const e = new AppError('reply_window_closed', 409, 'The window closed.', { channel: 'whatsapp' });
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('reply_window_closed');
    expect(e.status).toBe(409);
    expect(e.message).toBe('The window closed.');
    expect(e.details).toEqual({ channel: 'whatsapp' });
    expect(e.name).toBe('AppError');
  });

  it('serialises to the wire shape, with details only when present', () => {
    expect(JSON.parse(JSON.stringify(notFound('not_found', 'No such contact.')))).toEqual({
      error: { code: 'not_found', message: 'No such contact.' },
    });
    expect(errorBody(badRequest('x', 'y', { a: 1 }))).toEqual({ error: { code: 'x', message: 'y', details: { a: 1 } } });
  });

  it('helpers map to their statuses', () => {
    const cases: Array<[AppError, number]> = [
      [badRequest('c', 'm'), 400], [unauthorized('c', 'm'), 401], [forbidden('c', 'm'), 403],
      [notFound('c', 'm'), 404], [conflict('c', 'm'), 409], [gone('c', 'm'), 410], [tooLarge('c', 'm'), 413],
      [unprocessable('c', 'm'), 422], [tooMany('c', 'm'), 429], [unavailable('c', 'm'), 503],
    ];
    for (const [error, status] of cases) expect(error.status).toBe(status);
  });

  it('isAppError tells AppErrors from other errors', () => {
    expect(isAppError(conflict('c', 'm'))).toBe(true);
    expect(isAppError(new Error('boom'))).toBe(false);
    expect(isAppError({ code: 'c', status: 400 })).toBe(false);
    expect(isAppError(undefined)).toBe(false);
  });
});
