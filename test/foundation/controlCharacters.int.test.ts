import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/shared/ids';
import { createWorkspace, signedInWorkspace, TEST_PASSWORD } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { ApiClient } from '../http';

/**
 * Control characters (U+0000–U+001F and U+007F–U+009F, except tab, LF and CR) are refused at the
 * API boundary with a 400 that names the field, on both databases: PostgreSQL refuses NUL in text
 * and in query parameters, so a NUL reaching a query used to answer 500, without an account.
 */
let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

const NUL = '\u0000';

function expectRefused(response: { status: number; body: { error?: { code: string; message: string } } }, message: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.error).toEqual({ code: 'invalid_request', message });
}

describe('control characters in API input', () => {
  it('refuses a NUL in the sign-in body, naming the field, without an account', async () => {
    const { agent } = await createWorkspace(braid.ctx);
    const client = new ApiClient(braid.url);
    expectRefused(
      await client.post('/api/auth/login', { email: `${agent.email}${NUL}`, password: TEST_PASSWORD }),
      'Invalid body: email: contains a control character (U+0000)',
    );
    expectRefused(
      await client.post('/api/auth/login', { email: agent.email, password: `x${NUL}` }),
      'Invalid body: password: contains a control character (U+0000)',
    );
    // The account is untouched: the right password still signs in.
    expect((await client.post('/api/auth/login', { email: agent.email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('refuses control characters in nested bodies, naming the path, and in object keys', async () => {
    const ws = await signedInWorkspace(braid);
    expectRefused(
      await ws.adminApi.post('/api/automations', {
        channel: 'instagram',
        name: 'Greeting',
        trigger: { type: 'keywords', keywords: ['hi'] },
        steps: [{ type: 'send_text', text: `Hello\u0007` }],
      }),
      'Invalid body: steps.0.text: contains a control character (U+0007)',
    );
    expectRefused(
      await ws.adminApi.patch(`/api/automations/${newId()}`, { [`na${NUL}me`]: 'x' }),
      'Invalid body: na\\u0000me: the field name contains a control character (U+0000)',
    );
    expectRefused(
      await ws.adminApi.patch('/api/workspace/settings', { inviteText: `Join us\u001b[31m` }),
      'Invalid body: inviteText: contains a control character (U+001B)',
    );
    expectRefused(
      await ws.adminApi.post('/api/users', { email: 'c1@braid.test', name: 'Ana\u0085', role: 'agent', password: 'a long password' }),
      'Invalid body: name: contains a control character (U+0085)',
    );
    expectRefused(
      await ws.adminApi.post('/api/users', { email: 'del@braid.test', name: 'Ana\u007f', role: 'agent', password: 'a long password' }),
      'Invalid body: name: contains a control character (U+007F)',
    );
    expect(await braid.ctx.store.repos.users.findByEmail('c1@braid.test')).toBeUndefined();
  });

  it('keeps tab, line feed and carriage return, which people type', async () => {
    const ws = await signedInWorkspace(braid);
    const changed = await ws.adminApi.patch('/api/workspace/settings', { inviteText: 'Line one\r\nLine two\tand a tab' });
    expect(changed.status).toBe(200);
    expect(changed.body.settings.inviteText).toBe('Line one\r\nLine two\tand a tab');
  });

  it('refuses control characters in the query string and in path parameters', async () => {
    const ws = await signedInWorkspace(braid);
    for (const path of ['/api/contacts?q=%00', '/api/conversations?q=a%00b']) {
      expectRefused(await ws.agentApi.get(path), 'Invalid query: q: contains a control character (U+0000)');
    }
    expectRefused(await ws.agentApi.get('/api/contacts/abc%00def'), 'Invalid path: id: contains a control character (U+0000)');
    expectRefused(await ws.agentApi.get('/api/auth/setup?token=%01'), 'Invalid query: token: contains a control character (U+0001)');
    expectRefused(await ws.agentApi.get('/api/events?lastEventId=%00'), 'Invalid query: lastEventId: contains a control character (U+0000)');
  });
});
