import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, createUser } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { ApiClient } from '../http';

/**
 * Sandbox mode: the simulated platform runs inside Braid under /sandbox, Braid's Graph clients
 * point at it by default and its webhooks come back to Braid's own /webhooks. The product code
 * does not know: the same ingest, jobs and API serve a customer that exists only in the sandbox.
 */
let braid: TestBraid;
beforeAll(async () => {
  // No INSTAGRAM_API_URL / WHATSAPP_API_URL: the clients default to `${publicUrl}/sandbox/graph/v25.0`.
  braid = await startTestBraid({ BRAID_SANDBOX: '1' });
});
afterAll(async () => {
  await braid?.close();
});

describe('sandbox mode', () => {
  it('carries a customer message into the inbox and the agent’s reply back to the customer', async () => {
    expect(braid.ctx.config.meta.instagram.apiUrl).toBe(`${braid.url}/sandbox/graph/v25.0`);
    const platform = braid.sandbox!;
    const customer = await platform.createCustomer({ name: 'Sandbox Sam' });
    await platform.sendInstagramText(customer.id, 'Is this the sandbox?');
    await platform.flush();
    await braid.drainJobs();

    const workspace = (await braid.ctx.store.repos.workspaces.first())!;
    const agent = await createUser(braid.ctx, workspace.id, 'agent');
    const api = new ApiClient(braid.url);
    await api.signIn(agent.email, TEST_PASSWORD);
    const list = await api.get('/api/conversations?q=sandbox');
    expect(list.body.conversations).toHaveLength(1);
    expect(list.body.conversations[0].customer).toMatchObject({ name: 'Sandbox Sam' });

    braid.clock.advance(1000); // the agent answers a second later (a frozen clock would tie the two)
    const reply = await api.post(`/api/conversations/${list.body.conversations[0].id}/messages`, { text: 'It is!' });
    expect(reply.status).toBe(201);
    await braid.drainJobs();
    await platform.flush();
    const threads = await platform.threads(customer.id);
    expect(threads.instagram.map((m) => m.direction)).toEqual(['from_customer', 'to_customer']);
    const thread = await api.get(`/api/conversations/${list.body.conversations[0].id}/messages`);
    expect(thread.body.messages.map((m: any) => [m.direction, m.status])).toEqual([['inbound', 'received'], ['outbound', 'sent']]);
  });
});
