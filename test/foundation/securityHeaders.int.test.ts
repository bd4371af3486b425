import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInWorkspace } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { addCustomer } from '../mergeFixtures';

/** Every response carries the security headers: the web app, the API, the sandbox, the live stream. */
let braid: TestBraid;
let secure: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid({ BRAID_SANDBOX: '1', BRAID_METRICS_TOKEN: 'metrics-token-0123456789' });
  secure = await startTestBraid({ BRAID_PUBLIC_URL: 'https://braid.example.com' });
});
/** The https install answers on loopback; its public URL is only what it tells browsers. */
const local = (b: TestBraid) => `http://127.0.0.1:${b.ctx.config.port}`;
afterAll(async () => {
  await braid?.close();
  await secure?.close();
});

function expectSecurityHeaders(response: Response, path: string) {
  const csp = response.headers.get('content-security-policy') ?? '';
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  expect(directives.get('frame-ancestors'), `${path}: ${csp}`).toEqual(["'none'"]);
  expect(directives.get('script-src'), `${path}: ${csp}`).toEqual(["'self'"]);
  expect(directives.get('default-src'), `${path}: ${csp}`).toEqual(["'self'"]);
  expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
}

describe('security headers', () => {
  it('are on pages, API answers (errors too), operations endpoints, webhooks and the sandbox; no HSTS over http', async () => {
    for (const path of ['/', '/healthz', '/api/openapi.json', '/api/docs', '/api/auth/me', '/api/no-such-route', '/webhooks/instagram?hub.mode=subscribe', '/sandbox/api/customers']) {
      const response = await fetch(`${braid.url}${path}`);
      expectSecurityHeaders(response, path);
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
      await response.body?.cancel();
    }
  });

  it('are on the live event stream', async () => {
    const { agentApi } = await signedInWorkspace(braid);
    const controller = new AbortController();
    const response = await fetch(`${braid.url}/api/events`, { headers: { cookie: agentApi.cookie }, signal: controller.signal });
    expect(response.status).toBe(200);
    expectSecurityHeaders(response, '/api/events');
    controller.abort();
  });

  it('include HSTS when Braid is served over https', async () => {
    const response = await fetch(`${local(secure)}/healthz`);
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});

describe('links Braid sends', () => {
  it('must be http or https: javascript:, data: and vbscript: are refused with a 400 and nothing is queued', async () => {
    const { agentApi, instagram } = await signedInWorkspace(braid);
    const ig = await addCustomer(braid.ctx, instagram, { username: 'links' });
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'JavaScript:alert(1)']) {
      for (const content of [
        { kind: 'buttons', text: 'Open', buttons: [{ type: 'web_url', title: 'Open', url }] },
        { kind: 'attachment', type: 'image', url },
      ]) {
        const refused = await agentApi.post(`/api/conversations/${ig.conversation.id}/messages`, { content });
        expect(refused.status, `${content.kind} ${url}`).toBe(400);
        expect(refused.body.error.message).toContain('http:// or https://');
      }
    }
    const outbound = await braid.ctx.store.kysely.selectFrom('messages').select('id').where('conversation_id', '=', ig.conversation.id).where('direction', '=', 'outbound').execute();
    expect(outbound).toEqual([]);
    const fine = await agentApi.post(`/api/conversations/${ig.conversation.id}/messages`, { content: { kind: 'attachment', type: 'image', url: 'https://example.com/a.png' } });
    expect(fine.status).toBe(201);
  });
});

describe('/metrics', () => {
  it('wants the bearer token when BRAID_METRICS_TOKEN is set; the API description stays public', async () => {
    expect((await fetch(`${braid.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${braid.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const allowed = await fetch(`${braid.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('braid_');
    expect((await fetch(`${braid.url}/api/openapi.json`)).status).toBe(200);
    expect((await fetch(`${braid.url}/api/docs`)).status).toBe(200);
    // Without a token configured, /metrics is open as before.
    expect((await fetch(`${local(secure)}/metrics`)).status).toBe(200);
  });
});
