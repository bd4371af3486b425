import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInWorkspace } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { ApiClient } from '../http';
import { addCustomer } from '../mergeFixtures';

/**
 * A page on another site can make a signed-in agent's browser send any method to Braid with the
 * agent's cookie; Origin (or, when a browser leaves it out, Referer) says where it came from.
 */
let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

const EVIL = 'https://evil.example';

/** A client that carries the session cookie of `signedIn` but sends the given Origin and Referer. */
function from(signedIn: ApiClient, headers: { origin?: string; referer?: string }) {
  const client = new ApiClient(braid.url, null);
  client.cookie = signedIn.cookie;
  return (method: string, path: string, body?: unknown) =>
    client.request(method, path, body, Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>);
}

describe('cross-site requests', () => {
  it('fall back to Referer when Origin is missing: Braid’s own page passes, another site’s is refused', async () => {
    const { adminApi, instagram } = await signedInWorkspace(braid);
    const path = `/api/channels/${instagram.id}/settings`;
    const evil = await from(adminApi, { referer: `${EVIL}/page` })('PATCH', path, { allowAutoMerge: false });
    expect([evil.status, evil.body.error.code]).toEqual([403, 'cross_site_request']);
    expect((await adminApi.get(path)).body.settings.allowAutoMerge).toBe(true);

    const own = await from(adminApi, { referer: `${braid.url}/settings/instagram` })('PATCH', path, { allowAutoMerge: false });
    expect(own.status).toBe(200);
    expect((await adminApi.get(path)).body.settings.allowAutoMerge).toBe(false);
  });

  it('are refused for PATCH and DELETE, and a forged Origin wins over a good Referer', async () => {
    const { adminApi, instagram } = await signedInWorkspace(braid);
    const created = await adminApi.post('/api/automations', { channelId: instagram.id, name: 'Kept', trigger: { type: 'keywords', keywords: ['price'] }, steps: [{ type: 'send_text', text: 'Hi' }] });
    expect(created.status, created.text).toBe(201);
    const id = created.body.automation.id;
    const send = from(adminApi, { origin: EVIL, referer: `${braid.url}/settings` });
    expect((await send('PATCH', `/api/automations/${id}`, { name: 'Taken' })).status).toBe(403);
    expect((await send('DELETE', `/api/automations/${id}`)).status).toBe(403);
    expect((await adminApi.get(`/api/automations/${id}`)).body.automation.name).toBe('Kept');
  });

  it('cannot merge contacts or undo a merge', async () => {
    const { agentApi, instagram, whatsapp } = await signedInWorkspace(braid);
    const ig = await addCustomer(braid.ctx, instagram, { username: 'csrf.ig' });
    const wa = await addCustomer(braid.ctx, whatsapp, { phone: '351933333333' });
    const send = from(agentApi, { origin: EVIL });
    expect((await send('POST', `/api/contacts/${ig.contact.id}/merge`, { with: wa.contact.id })).status).toBe(403);
    expect((await agentApi.get(`/api/contacts/${ig.contact.id}`)).body.identities.whatsapp).toEqual([]);

    const merged = await agentApi.post(`/api/contacts/${ig.contact.id}/merge`, { with: wa.contact.id });
    expect(merged.status).toBe(200);
    expect((await send('POST', `/api/merges/${merged.body.merge.id}/undo`, {})).status).toBe(403);
    expect((await agentApi.get(`/api/contacts/${ig.contact.id}`)).body.identities.whatsapp).toHaveLength(1);
  });
});
