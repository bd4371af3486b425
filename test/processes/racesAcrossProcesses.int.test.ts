import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildInstagramBatch, buildWhatsAppBatch, whatsappContact, whatsappSender, whatsappSeconds } from '../../src/sandbox/meta/payloads';
import { metaJsonStringify, signBody } from '../../src/sandbox/meta/signing';
import type { RunningMetaPlatform, SandboxCustomer } from '../../src/sandbox/meta';
import { dropDatabase, freshDatabaseUrl } from '../databases';
import { TEST_APP_SECRET, testDialect } from '../harness';
import { ApiClient } from '../http';
import { type BraidChild, CHILD_ADMIN, eventually, IG_ACCOUNT, killAllChildren, startChild, startMeta, WA_ACCOUNT } from './children';

/**
 * The races of test/merge/races.int.test.ts again, with the two sides sent to two Braid processes
 * (web and worker each) sharing one SQLite file: each process has its own connection, so only the
 * database's own locking keeps them apart.
 */
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 3);
let meta: RunningMetaPlatform;
let databaseUrl = '';
let one: BraidChild;
let two: BraidChild;
let api1: ApiClient;
let api2: ApiClient;
let instagramChannelId = '';

describe.runIf(testDialect() === 'sqlite')('races between two Braid processes on one SQLite file', () => {
  beforeAll(async () => {
    meta = await startMeta();
    databaseUrl = await freshDatabaseUrl('sqlite', inject('databaseTemplate'));
    one = await startChild('braid 1', { databaseUrl, meta });
    two = await startChild('braid 2', { databaseUrl, meta });
    meta.platform.setWebhookUrls({ instagram: `${one.url}/webhooks/instagram`, whatsapp: `${two.url}/webhooks/whatsapp` });
    api1 = new ApiClient(one.url);
    await api1.signIn(CHILD_ADMIN.email, CHILD_ADMIN.password);
    const agent = await api1.post('/api/users', { email: 'agent@children.test', name: 'Second Agent', role: 'agent', password: 'agent-password-1' });
    expect(agent.status, agent.text).toBe(201);
    api2 = new ApiClient(two.url);
    await api2.signIn('agent@children.test', 'agent-password-1');
    const channels = await api1.get('/api/channels');
    instagramChannelId = channels.body.channels.find((c: any) => c.kind === 'instagram').id;
  }, 120_000);

  afterAll(async () => {
    await killAllChildren();
    await meta?.close();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  it('undo against undo of the same merge: one 200, one 409 merge_already_undone, one unmerged line per contact', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const pair = await customerOnBoth();
      const merged = await api1.post(`/api/contacts/${pair.ig.contactId}/merge`, { with: pair.wa.contactId });
      expect(merged.status, merged.text).toBe(200);
      const mergeId = merged.body.merge.id;
      const answers = await Promise.all([api1.post(`/api/merges/${mergeId}/undo`, {}), api2.post(`/api/merges/${mergeId}/undo`, {})]);
      expect(statuses(answers), texts(answers)).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('merge_already_undone');
      const live = await expectWhole([pair.ig.contactId, pair.wa.contactId], pair.texts);
      expect(live.sort()).toEqual([pair.ig.contactId, pair.wa.contactId].sort());
      expect(await auditLines([pair.ig.contactId, pair.wa.contactId], 'contact.unmerged', mergeId)).toHaveLength(2);
    }
  }, 120_000);

  it('undo against a new merge touching the same contacts', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const pair = await customerOnBoth();
      const third = await customerOnBoth();
      const first = await api1.post(`/api/contacts/${pair.ig.contactId}/merge`, { with: pair.wa.contactId });
      expect(first.status, first.text).toBe(200);
      const [undo, next] = await Promise.all([
        api1.post(`/api/merges/${first.body.merge.id}/undo`, {}),
        api2.post(`/api/contacts/${pair.ig.contactId}/merge`, { with: third.wa.contactId, confirm: true }),
      ]);
      expect(next.status, next.text).toBe(200);
      expect([200, 409], undo.text).toContain(undo.status);
      if (undo.status === 409) expect(undo.body.error.code).toBe('undo_out_of_order');
      const live = await expectWhole([pair.ig.contactId, pair.wa.contactId, third.wa.contactId], [...pair.texts, third.texts[1]]);
      expect(live).toHaveLength(undo.status === 200 ? 2 : 1);
    }
  }, 120_000);

  it('accept against reject of one merge request: one decides it, the other gets 409 merge_request_decided', async () => {
    const manual = await api1.patch(`/api/channels/${instagramChannelId}/settings`, { allowAutoMerge: false });
    expect(manual.status, manual.text).toBe(200);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const pair = await customerOnBoth();
        const { sentence } = await invite(api1, pair);
        await meta.platform.sendWhatsAppText(pair.customer.id, sentence);
        const requestId = await eventually('a pending merge request', async () => {
          await meta.platform.flush();
          const request = (await view(pair.ig.contactId)).pendingMergeRequests[0];
          expect(request).toBeTruthy();
          return request.id as string;
        });
        const answers = await Promise.all([api1.post(`/api/merge-requests/${requestId}/accept`), api2.post(`/api/merge-requests/${requestId}/reject`, {})]);
        expect(statuses(answers), texts(answers)).toEqual([200, 409]);
        expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('merge_request_decided');
        const accepted = answers[0].status === 200;
        const live = await expectWhole([pair.ig.contactId, pair.wa.contactId], [...pair.texts, sentence]);
        expect(live).toHaveLength(accepted ? 1 : 2);
        const contacts = [pair.ig.contactId, pair.wa.contactId];
        expect(await auditLines(contacts, 'merge_request.accepted', requestId)).toHaveLength(accepted ? 2 : 0);
        expect(await auditLines(contacts, 'merge_request.rejected', requestId)).toHaveLength(accepted ? 0 : 2);
      }
    } finally {
      await api1.patch(`/api/channels/${instagramChannelId}/settings`, { allowAutoMerge: true });
    }
  }, 180_000);

  it('an agent’s merge on one process against the automatic merge of the same invite on the other', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const pair = await customerOnBoth();
      const { sentence, inviteId } = await invite(api1, pair);
      await meta.platform.sendWhatsAppText(pair.customer.id, sentence);
      // Process 2 receives the code and its worker merges at once; the agent clicks Merge on process 1.
      const [, click] = await Promise.all([meta.platform.flush(), api1.post(`/api/contacts/${pair.ig.contactId}/merge`, { with: pair.wa.contactId })]);
      expect([200, 409], click.text).toContain(click.status);
      if (click.status === 409) expect(click.body.error.code).toBe('merge_already_merged');
      await eventually('the invite ends merged', async () => {
        const shown = await view(pair.ig.contactId);
        expect(shown.invites.find((i: any) => i.id === inviteId)?.state).toBe('merged');
      });
      const live = await expectWhole([pair.ig.contactId, pair.wa.contactId], [...pair.texts, sentence]);
      expect(live).toEqual([pair.ig.contactId]);
      const { merges } = (await api1.get(`/api/contacts/${pair.ig.contactId}/history`)).body;
      expect(merges.filter((m: any) => m.undoneAt === null)).toHaveLength(1);
    }
  }, 180_000);

  it('two agents on two processes inviting the same customer at once: one live invite', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const t = token();
      const customer = await meta.platform.createCustomer({ name: `Ines ${t}`, igUsername: `ines.${t}`, phone: null });
      await meta.platform.sendInstagramText(customer.id, `hello ${t}`);
      const ig = await conversationOf('instagram', t);
      const answers = await Promise.all([api1.post(`/api/conversations/${ig.id}/whatsapp-invite`), api2.post(`/api/conversations/${ig.id}/whatsapp-invite`)]);
      expect(statuses(answers), texts(answers)).toEqual([201, 201]);
      const invites = (await view(ig.contactId)).invites as { state: string }[];
      expect(invites.map((i) => i.state).sort()).toEqual(['sent', 'superseded']);
    }
  }, 120_000);

  it('the same delivery posted to both processes at once: each message once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const t = token();
      const customer = await meta.platform.createCustomer({ name: `Duda ${t}`, igUsername: `duda.${t}` });
      const body = instagramBody(customer, `m_dup_${t}`, `twice ${t}`);
      const answers = await Promise.all([post(one, 'instagram', body), post(two, 'instagram', body)]);
      expect(answers).toEqual([200, 200]);
      const ig = await conversationOf('instagram', t);
      await expectWhole([ig.contactId], [`twice ${t}`]);
    }
  }, 120_000);

  it('deliveries naming the same new customer on both processes at once: one contact, one identity each, every message once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const t = token();
      const customer = await meta.platform.createCustomer({ name: `Eva ${t}`, igUsername: `eva.${t}` });
      const now = Date.now();
      const whatsapp = (n: number) =>
        buildWhatsAppBatch(
          WA_ACCOUNT,
          [{ kind: 'message', contact: whatsappContact(customer, false), message: { ...whatsappSender(customer, false), id: `wamid.new_${t}_${n}`, timestamp: whatsappSeconds(now + n * 1000), type: 'text', text: { body: `wa ${n} ${t}` } } }],
          'one-change',
        );
      const answers = await Promise.all([1, 2, 3, 4].flatMap((n) => [
        post(n % 2 ? one : two, 'instagram', instagramBody(customer, `m_new_${t}_${n}`, `ig ${n} ${t}`, now + n)),
        post(n % 2 ? two : one, 'whatsapp', whatsapp(n)),
      ]));
      expect(answers).toEqual(answers.map(() => 200));
      const ig = await conversationOf('instagram', t);
      const wa = await conversationOf('whatsapp', t);
      expect((await view(ig.contactId)).identities.instagram).toHaveLength(1);
      expect((await view(wa.contactId)).identities.whatsapp).toHaveLength(1);
      await expectWhole([ig.contactId, wa.contactId], [1, 2, 3, 4].flatMap((n) => [`ig ${n} ${t}`, `wa ${n} ${t}`]));
    }
  }, 120_000);
});

let serial = 0;
const token = () => `p${Date.now().toString(36)}x${(serial++).toString(36)}`;
const statuses = (responses: { status: number }[]) => responses.map((r) => r.status).sort();
const texts = (responses: { text: string }[]) => responses.map((r) => r.text).join('\n');

function instagramBody(customer: SandboxCustomer, mid: string, text: string, at = Date.now()) {
  return buildInstagramBatch([{ accountId: IG_ACCOUNT, messaging: { sender: { id: customer.igsid }, recipient: { id: IG_ACCOUNT }, timestamp: at, message: { mid, text } } }]);
}

async function post(child: BraidChild, channel: 'instagram' | 'whatsapp', body: unknown): Promise<number> {
  const raw = metaJsonStringify(body);
  const response = await fetch(`${child.url}/webhooks/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, TEST_APP_SECRET) },
    body: raw,
  });
  return response.status;
}

async function conversationOf(channel: 'instagram' | 'whatsapp', search: string) {
  return eventually(`the ${channel} conversation of ${search}`, async () => {
    await meta.platform.flush();
    const list = await api1.get(`/api/conversations?channel=${channel}&q=${encodeURIComponent(search)}`);
    expect(list.status, list.text).toBe(200);
    const found = list.body.conversations.filter((c: any) => c.channel === channel);
    expect(found).toHaveLength(1);
    return found[0] as { id: string; contactId: string };
  });
}

async function customerOnBoth() {
  const t = token();
  const customer = await meta.platform.createCustomer({ name: `Rita ${t}`, igUsername: `rita.${t}`, phone: null });
  await meta.platform.sendInstagramText(customer.id, `hello on instagram ${t}`);
  await meta.platform.sendWhatsAppText(customer.id, `hello on whatsapp ${t}`);
  const ig = await conversationOf('instagram', t);
  const wa = await conversationOf('whatsapp', t);
  return { customer, ig, wa, texts: [`hello on instagram ${t}`, `hello on whatsapp ${t}`] };
}

async function invite(api: ApiClient, pair: { customer: SandboxCustomer; ig: { id: string } }) {
  const response = await api.post(`/api/conversations/${pair.ig.id}/whatsapp-invite`);
  expect(response.status, response.text).toBe(201);
  const url = await eventually('the invite reaching the customer', async () => {
    const sends = await meta.platform.sends({ channel: 'instagram', customerId: pair.customer.id });
    const button = (sends.at(-1)?.body as any)?.message?.attachment?.payload?.buttons?.[0];
    expect(button?.url).toBeTruthy();
    return button.url as string;
  });
  return { sentence: decodeURIComponent(new URL(url).searchParams.get('text')!), inviteId: response.body.invite.id as string };
}

async function view(contactId: string) {
  const response = await api1.get(`/api/contacts/${contactId}`);
  expect(response.status, response.text).toBe(200);
  return response.body;
}

/** Every identity on exactly one live contact, every inbound text shown once; returns the live contacts. */
async function expectWhole(contactIds: string[], inboundTexts: string[]): Promise<string[]> {
  return eventually('whole contacts', async () => {
    await meta.platform.flush();
    const views = await Promise.all(contactIds.map(view));
    const live = new Map<string, any>();
    for (const v of views) if (v.resolvedFrom === null) live.set(v.contact.id, v);
    const owner = new Map<string, string>();
    for (const v of live.values()) {
      for (const identity of [...v.identities.instagram, ...v.identities.whatsapp]) {
        expect(owner.get(identity.id), `identity ${identity.id} on two live contacts`).toBeUndefined();
        owner.set(identity.id, v.contact.id);
      }
    }
    for (const v of views) if (v.resolvedFrom !== null) expect(live.has(v.contact.id)).toBe(true);
    const shown: string[] = [];
    for (const id of live.keys()) {
      const page = await api1.get(`/api/contacts/${id}/timeline?limit=500`);
      for (const message of page.body.messages) if (message.direction === 'inbound') shown.push(message.text);
    }
    for (const text of inboundTexts) expect(shown.filter((x) => x === text), `"${text}" shown once`).toHaveLength(1);
    return [...live.keys()];
  });
}

async function auditLines(contactIds: string[], action: string, subjectId: string) {
  const events = new Map<number, any>();
  for (const id of contactIds) for (const event of (await api1.get(`/api/contacts/${id}/history`)).body.events) events.set(event.id, event);
  return [...events.values()].filter((e) => e.action === action && e.subjectId === subjectId);
}
