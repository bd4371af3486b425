import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { RunningMetaPlatform } from '../../src/sandbox/meta';
import { MERGE_CONFIRMATION_TEXT } from '../../src/usecases/contactMerge/steps/completeInvite';
import { dropDatabase, freshDatabaseUrl } from '../databases';
import { testDialect } from '../harness';
import { ApiClient } from '../http';
import { type BraidChild, CHILD_ADMIN, eventually, killAllChildren, killChild, startChild, startMeta } from './children';

/**
 * Crash points with real processes killed by SIGKILL, on the database under test: inside a merge
 * transaction, and after Meta accepted a send but before Braid stored that it did.
 */
let meta: RunningMetaPlatform;
let databaseUrl = '';

beforeAll(async () => {
  meta = await startMeta();
  databaseUrl = await freshDatabaseUrl(testDialect(), inject('databaseTemplate'));
});
afterEach(async () => {
  meta.platform.releaseSendAnswers();
  await killAllChildren();
});
afterAll(async () => {
  await killAllChildren();
  await meta?.close();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

async function start(name: string, env: Record<string, string> = {}): Promise<{ child: BraidChild; api: ApiClient }> {
  const child = await startChild(name, { databaseUrl, meta, env });
  meta.platform.setWebhookUrls({ instagram: `${child.url}/webhooks/instagram`, whatsapp: `${child.url}/webhooks/whatsapp` });
  const api = new ApiClient(child.url);
  await api.signIn(CHILD_ADMIN.email, CHILD_ADMIN.password);
  return { child, api };
}

async function conversationOf(api: ApiClient, channel: 'instagram' | 'whatsapp', search: string) {
  return eventually(`the ${channel} conversation of ${search}`, async () => {
    await meta.platform.flush();
    const list = await api.get(`/api/conversations?channel=${channel}&q=${encodeURIComponent(search)}`);
    expect(list.status, list.text).toBe(200);
    const found = list.body.conversations.filter((c: any) => c.channel === channel);
    expect(found).toHaveLength(1);
    return found[0] as { id: string; contactId: string };
  });
}

async function view(api: ApiClient, contactId: string) {
  const response = await api.get(`/api/contacts/${contactId}`);
  expect(response.status, response.text).toBe(200);
  return response.body;
}

describe('a process killed inside a merge transaction', () => {
  it('leaves no half-merge: after a restart both contacts are whole, no merge is recorded, and the merge can be made', async () => {
    const first = await start('braid 1', { BRAID_TEST_PAUSE_AT: 'merges.create' });
    const customer = await meta.platform.createCustomer({ name: 'Kai Crashmerge', igUsername: 'kai.crashmerge', phone: null });
    await meta.platform.sendInstagramText(customer.id, 'hello from instagram');
    await meta.platform.sendWhatsAppText(customer.id, 'hello from whatsapp');
    const ig = await conversationOf(first.api, 'instagram', 'crashmerge');
    const wa = await conversationOf(first.api, 'whatsapp', 'crashmerge');
    const before = { ig: await view(first.api, ig.contactId), wa: await view(first.api, wa.contactId) };

    const merging = first.api.post(`/api/contacts/${ig.contactId}/merge`, { with: wa.contactId }).catch((error: Error) => error);
    // The identities are repointed, the contact tombstoned and the merge row written, uncommitted.
    await first.child.printed('BRAID_PAUSED merges.create');
    await killChild(first.child);
    expect(await merging).toBeInstanceOf(Error);

    const second = await start('braid 2');
    const after = { ig: await view(second.api, ig.contactId), wa: await view(second.api, wa.contactId) };
    expect(after).toEqual(before);
    for (const contactId of [ig.contactId, wa.contactId]) {
      const history = await second.api.get(`/api/contacts/${contactId}/history`);
      expect(history.body.merges).toEqual([]);
      expect(history.body.events.filter((e: any) => e.action === 'contact.merged')).toEqual([]);
    }
    const merged = await second.api.post(`/api/contacts/${ig.contactId}/merge`, { with: wa.contactId });
    expect(merged.status, merged.text).toBe(200);
    const timeline = await second.api.get(`/api/contacts/${ig.contactId}/timeline`);
    expect(timeline.body.messages.filter((m: any) => m.direction === 'inbound').map((m: any) => m.text).sort()).toEqual(['hello from instagram', 'hello from whatsapp']);
  }, 120_000);
});

describe('a worker killed inside the automatic merge of an invite', () => {
  it('runs the job again after a restart: merged once, the invite merged, the customer told once', async () => {
    const first = await start('braid 1', { BRAID_TEST_PAUSE_AT: 'merges.create', BRAID_JOB_LEASE_SECONDS: '1' });
    const customer = await meta.platform.createCustomer({ name: 'Mia Crashjob', igUsername: 'mia.crashjob', phone: null });
    await meta.platform.sendInstagramText(customer.id, 'can I get updates on WhatsApp?');
    const ig = await conversationOf(first.api, 'instagram', 'crashjob');
    const invited = await first.api.post(`/api/conversations/${ig.id}/whatsapp-invite`);
    expect(invited.status, invited.text).toBe(201);
    const url = await eventually('the invite reaching the customer', async () => {
      const sends = await meta.platform.sends({ channel: 'instagram', customerId: customer.id });
      const button = (sends.at(-1)?.body as any)?.message?.attachment?.payload?.buttons?.[0];
      expect(button?.url).toBeTruthy();
      return button.url as string;
    });
    await meta.platform.sendWhatsAppText(customer.id, decodeURIComponent(new URL(url).searchParams.get('text')!));
    await meta.platform.flush();
    await first.child.printed('BRAID_PAUSED merges.create');
    await killChild(first.child);

    const second = await start('braid 2', { BRAID_JOB_LEASE_SECONDS: '1' });
    const contact = await eventually('the invite merged by the job run again', async () => {
      const shown = await view(second.api, ig.contactId);
      expect(shown.invites.find((i: any) => i.id === invited.body.invite.id)?.state).toBe('merged');
      return shown;
    });
    expect(contact.identities.whatsapp).toHaveLength(1);
    const history = (await second.api.get(`/api/contacts/${ig.contactId}/history`)).body;
    expect(history.merges).toHaveLength(1);
    expect(history.events.filter((e: any) => e.action === 'contact.merged')).toHaveLength(2);
    await eventually('the WhatsApp confirmation sent', async () => {
      const confirmations = (await meta.platform.sends({ channel: 'whatsapp', customerId: customer.id })).filter((s) => (s.body as any).text?.body === MERGE_CONFIRMATION_TEXT);
      expect(confirmations).toHaveLength(1);
    });
  }, 120_000);
});

describe('a worker killed after Meta accepted a send, before the result was stored', () => {
  it('after a restart the reply is sent at most once more and the thread says so', async () => {
    // A short lease, so the new worker takes over the dead one's job within seconds.
    const lease = { BRAID_JOB_LEASE_SECONDS: '1' };
    const first = await start('braid 1', lease);
    const customer = await meta.platform.createCustomer({ name: 'Lia Crashsend', igUsername: 'lia.crashsend' });
    await meta.platform.sendInstagramText(customer.id, 'is my parcel on its way?');
    const ig = await conversationOf(first.api, 'instagram', 'crashsend');

    meta.platform.holdSendAnswers();
    const reply = await first.api.post(`/api/conversations/${ig.id}/messages`, { text: 'Yes, it left this morning.' });
    expect(reply.status, reply.text).toBe(201);
    const sentTexts = async () => (await meta.platform.sends({ customerId: customer.id })).map((s) => (s.body as any).message?.text);
    await eventually('Meta accepting the reply', async () => expect(await sentTexts()).toContain('Yes, it left this morning.'));
    await killChild(first.child);
    meta.platform.releaseSendAnswers();

    const second = await start('braid 2', lease);
    const thread = await eventually('the thread saying what happened', async () => {
      await meta.platform.flush();
      const page = await second.api.get(`/api/conversations/${ig.id}/messages?limit=100`);
      const reply = page.body.messages.find((m: any) => m.text === 'Yes, it left this morning.');
      expect(reply.status).not.toBe('pending');
      return page.body.messages as any[];
    });
    const sends = (await sentTexts()).filter((t) => t === 'Yes, it left this morning.');
    expect(sends.length).toBeGreaterThanOrEqual(1);
    expect(sends.length).toBeLessThanOrEqual(2);
    // One row for the reply, whatever Meta echoed back.
    expect(thread.filter((m) => m.text === 'Yes, it left this morning.')).toHaveLength(1);
    const notes = thread.filter((m) => m.direction === 'system' && m.type === 'note').map((m) => m.text);
    expect(notes.join('\n')).toMatch(/stopped while sending/);
  }, 120_000);

  it('killed again during the second attempt, the reply is not sent a third time and shows why it failed', async () => {
    const lease = { BRAID_JOB_LEASE_SECONDS: '1' };
    const first = await start('braid 1', lease);
    const customer = await meta.platform.createCustomer({ name: 'Ode Crashtwice', igUsername: 'ode.crashtwice' });
    await meta.platform.sendInstagramText(customer.id, 'hello?');
    const ig = await conversationOf(first.api, 'instagram', 'crashtwice');
    const text = 'We are looking into it.';
    const sent = async () => (await meta.platform.sends({ customerId: customer.id })).filter((s) => (s.body as any).message?.text === text).length;

    meta.platform.holdSendAnswers();
    expect((await first.api.post(`/api/conversations/${ig.id}/messages`, { text })).status).toBe(201);
    await eventually('Meta accepting the reply', async () => expect(await sent()).toBe(1));
    await killChild(first.child);
    const second = await start('braid 2', lease);
    await eventually('the second attempt reaching Meta', async () => expect(await sent()).toBe(2));
    await killChild(second.child);
    meta.platform.releaseSendAnswers();

    const third = await start('braid 3', lease);
    const reply = await eventually('the reply marked failed', async () => {
      const page = await third.api.get(`/api/conversations/${ig.id}/messages?limit=100`);
      const found = page.body.messages.find((m: any) => m.text === text);
      expect(found.status).toBe('failed');
      return found;
    });
    expect(reply.error.code).toBe('send_interrupted');
    expect(reply.error.title).toMatch(/not sent a third time/);
    expect(await sent()).toBe(2);
  }, 120_000);
});
