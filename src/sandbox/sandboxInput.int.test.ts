import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBraid, type TestBraid } from '../../test/harness';

/**
 * The sandbox's control API needs no account (it is the customer simulator): a control character
 * in its input is a 400 naming the field, as in Braid's API, instead of a 500 from PostgreSQL.
 */
let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid({ BRAID_SANDBOX: '1' });
});
afterAll(async () => {
  await braid?.close();
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${braid.url}/sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
}

describe('sandbox input with control characters', () => {
  it('is refused with a 400 that names the field, in the body, the query and the path', async () => {
    const created = await call('POST', '/api/customers', { name: 'Ana\u0000' });
    expect(created).toEqual({ status: 400, body: { error: { code: 'invalid_request', message: 'name: contains a control character (U+0000)' } } });
    const listed = await call('GET', '/api/sends?customerId=a%00b');
    expect(listed).toEqual({ status: 400, body: { error: { code: 'invalid_request', message: 'customerId: contains a control character (U+0000)' } } });
    const customer = await call('GET', '/api/customers/a%00b');
    expect(customer).toEqual({ status: 400, body: { error: { code: 'invalid_request', message: 'id: contains a control character (U+0000)' } } });
    expect((await call('GET', '/api/customers')).body).toEqual({ customers: [] });
  });
});
