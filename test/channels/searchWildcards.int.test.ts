import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInWorkspace } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { addCustomer } from '../mergeFixtures';

/**
 * Search finds what was typed: `%`, `_` and `\` are characters to look for, not LIKE's wildcards
 * (each of `%` and `_` used to match every contact and conversation).
 */
let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

async function workspaceWithCustomers() {
  const ws = await signedInWorkspace(braid);
  await addCustomer(braid.ctx, ws.instagram, { name: '100% cotton', username: 'cotton.shop' });
  await addCustomer(braid.ctx, ws.instagram, { name: 'Snake', username: 'snake_case' });
  await addCustomer(braid.ctx, ws.instagram, { name: 'back\\slash', username: 'backslash' });
  await addCustomer(braid.ctx, ws.instagram, { name: 'plain', username: 'plain.user', displayName: 'Plain Person' });
  return ws;
}

describe('search with LIKE wildcard characters', () => {
  it('finds contacts holding the character itself, in a name or a username', async () => {
    const ws = await workspaceWithCustomers();
    const names = async (q: string) => {
      const response = await ws.agentApi.get(`/api/contacts?q=${encodeURIComponent(q)}`);
      expect(response.status, response.text).toBe(200);
      return response.body.contacts.map((c: { name: string }) => c.name).sort();
    };
    expect(await names('%')).toEqual(['100% cotton']);
    expect(await names('_')).toEqual(['Snake']);
    expect(await names('\\')).toEqual(['back\\slash']);
    expect(await names('0% c')).toEqual(['100% cotton']);
    expect(await names('e_c')).toEqual(['Snake']);
    expect(await names('%%')).toEqual([]);
    expect(await names('plain')).toEqual(['plain']);
  });

  it('finds conversations holding the character itself', async () => {
    const ws = await workspaceWithCustomers();
    const names = async (q: string) => {
      const response = await ws.agentApi.get(`/api/conversations?q=${encodeURIComponent(q)}`);
      expect(response.status, response.text).toBe(200);
      return response.body.conversations.map((c: { customer: { name: string } }) => c.customer.name).sort();
    };
    expect(await names('%')).toEqual(['100% cotton']);
    expect(await names('_')).toEqual(['Snake']);
    expect(await names('\\')).toEqual(['back\\slash']);
    expect(await names('plain')).toEqual(['plain']);
  });
});
