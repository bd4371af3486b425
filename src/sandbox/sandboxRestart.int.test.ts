import { inject, describe, expect, it } from 'vitest';
import { dropDatabase, freshDatabaseUrl } from '../../test/databases';
import { freePort, testDialect } from '../../test/harness';
import { loadConfig } from '../config';
import { startBraid, type RunningBraid } from '../main';

/**
 * Sandbox mode as a user runs it (`npm start` with no Meta credentials): the platform mounted at
 * /sandbox keeps its customers and threads in Braid's database, so stopping and starting Braid on
 * the same database keeps the demo.
 */
async function startSandboxBraid(databaseUrl: string, port: number): Promise<RunningBraid> {
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    BRAID_PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    BRAID_SANDBOX: '1',
  });
  return startBraid(config, { serveWeb: false, startWorker: false });
}

async function call(url: string, method: 'GET' | 'POST', body?: unknown): Promise<any> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json', origin: new URL(url).origin },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${url}`).toBeLessThan(300);
  return response.json();
}

describe('sandbox persistence', () => {
  it('keeps the simulated customers and their threads across a restart, in order', async () => {
    const databaseUrl = await freshDatabaseUrl(testDialect(), inject('databaseTemplate'));
    let braid = await startSandboxBraid(databaseUrl, await freePort());
    try {
      const { customer } = await call(`${braid.url}/sandbox/api/customers`, 'POST', { name: 'Ana Souza', phone: null });
      await call(`${braid.url}/sandbox/api/customers/${customer.id}/instagram/messages`, 'POST', { text: 'Hi' });
      await call(`${braid.url}/sandbox/api/customers/${customer.id}/instagram/messages`, 'POST', { text: 'Anyone there?' });
      await call(`${braid.url}/sandbox/api/customers/${customer.id}/whatsapp/messages`, 'POST', { text: 'Olá' });
      // Let the webhooks reach Braid first: this test is about what survives, not about shutdown.
      await braid.sandbox!.flush();
      await braid.close();

      // Another port, so no kept-alive connection to the stopped server is reused.
      braid = await startSandboxBraid(databaseUrl, await freePort());
      const { customers } = await call(`${braid.url}/sandbox/api/customers`, 'GET');
      expect(customers).toEqual([customer]);
      const threads = await call(`${braid.url}/sandbox/api/customers/${customer.id}/threads`, 'GET');
      expect(threads.instagram.map((m: { text: string }) => m.text)).toEqual(['Hi', 'Anyone there?']);
      expect(threads.whatsapp.map((m: { text: string }) => m.text)).toEqual(['Olá']);

      const business = await call(`${braid.url}/sandbox/api/business`, 'GET');
      expect(business.whatsapp.displayPhoneNumber).toMatch(/^\d+$/);
    } finally {
      await braid.close();
      await dropDatabase(databaseUrl);
    }
  });
});
