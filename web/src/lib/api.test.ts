import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { api, ApiError, onSessionExpired } from './api';

function respond(status: number, body?: unknown, contentType = 'application/json') {
  const fetchMock = vi.fn(async () =>
    new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': contentType },
    }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('api', () => {
  it('sends JSON with same-origin credentials and checks the answer against the schema', async () => {
    const fetchMock = respond(201, { user: { id: 'u1', name: 'Ada' } });
    const result = await api.post('/api/users', { name: 'Ada' }, z.object({ user: z.object({ id: z.string(), name: z.string() }) }));
    expect(result.user.name).toBe('Ada');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/users');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"name":"Ada"}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it("turns the API's error body into an ApiError carrying its code and message", async () => {
    respond(409, { error: { code: 'email_taken', message: 'An account with a@b.c already exists.' } });
    const error = await api.post('/api/users', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'email_taken', message: 'An account with a@b.c already exists.' });
  });

  it('names the status when the error body is not the API format (a proxy page, say)', async () => {
    respond(502, '<html>Bad gateway</html>', 'text/html');
    const error = (await api.get('/api/users', z.unknown()).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('http_502');
    expect(error.message).toMatch(/502/);
  });

  it('reports a network failure in words', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = (await api.get('/api/users', z.unknown()).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('network_error');
    expect(error.message).toMatch(/cannot be reached/);
  });

  it('rejects an answer of the wrong shape instead of passing it on', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    respond(200, { users: 'not a list' });
    const error = (await api.get('/api/users', z.object({ users: z.array(z.unknown()) })).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('invalid_response');
  });

  it('announces an unexpected 401 as an expired session, but not one the caller expects', async () => {
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    try {
      respond(401, { error: { code: 'unauthenticated', message: 'Sign in first.' } });
      await api.get('/api/users', z.unknown()).catch(() => undefined);
      expect(expired).toHaveBeenCalledTimes(1);

      respond(401, { error: { code: 'invalid_credentials', message: 'The email or password is not correct.' } });
      await api.post('/api/auth/login', {}, undefined, { unauthorizedIsExpected: true }).catch(() => undefined);
      expect(expired).toHaveBeenCalledTimes(1);
    } finally {
      stop();
    }
  });

  it('resolves a 204 without reading a body', async () => {
    respond(204);
    await expect(api.post('/api/auth/logout')).resolves.toBeUndefined();
  });
});
