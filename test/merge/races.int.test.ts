import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInstagramBatch, buildWhatsAppBatch, whatsappContact, whatsappSender, whatsappSeconds } from '../../src/sandbox/meta/payloads';
import type { SandboxCustomer } from '../../src/sandbox/meta';
import type { ApiClient } from '../http';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';
import { conversationOf, sendInvite } from './inviteFlow';

/**
 * Races, each started at once over HTTP (Promise.all) and repeated, with the invariants read
 * through the API afterwards: every identity on exactly one live contact, no message lost or
 * doubled, one winner and a clear 4xx for the loser, and each action once in the audit trail.
 */
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 4);
const IG_ACCOUNT = '17841400000000001';
const WA_ACCOUNT = { businessAccountId: '102290129340398', phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881' };

let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

let serial = 0;
const token = () => `r${Date.now().toString(36)}x${(serial++).toString(36)}`;

interface Pair {
  customer: SandboxCustomer;
  token: string;
  ig: { id: string; contactId: string };
  wa: { id: string; contactId: string };
  identities: string[];
}

/** A customer who wrote on Instagram and, without sharing a phone number, on WhatsApp: two contacts. */
async function customerOnBoth(): Promise<Pair> {
  const t = token();
  const customer = await env.platform.createCustomer({ name: `Rita ${t}`, igUsername: `rita.${t}`, phone: null });
  await env.platform.sendInstagramText(customer.id, `hello on instagram ${t}`);
  await env.platform.sendWhatsAppText(customer.id, `hello on whatsapp ${t}`);
  await env.settle();
  const ig = await conversationOf(env, 'instagram', t);
  const wa = await conversationOf(env, 'whatsapp', t);
  expect(ig.contactId).not.toBe(wa.contactId);
  const identities = [(await view(ig.contactId)).identities.instagram[0].id, (await view(wa.contactId)).identities.whatsapp[0].id] as string[];
  return { customer, token: t, ig, wa, identities };
}

async function merge(api: ApiClient, survivor: string, other: string) {
  return api.post(`/api/contacts/${survivor}/merge`, { with: other, confirm: true });
}

async function view(contactId: string) {
  const response = await env.agentApi.get(`/api/contacts/${contactId}`);
  expect(response.status, response.text).toBe(200);
  return response.body;
}

async function history(contactId: string) {
  const response = await env.agentApi.get(`/api/contacts/${contactId}/history`);
  expect(response.status, response.text).toBe(200);
  return response.body as { events: any[]; merges: any[] };
}

async function timeline(contactId: string): Promise<any[]> {
  const response = await env.agentApi.get(`/api/contacts/${contactId}/timeline?limit=500`);
  expect(response.status, response.text).toBe(200);
  return response.body.messages;
}

/**
 * Every identity is shown on exactly one live contact (the one its conversation names), and every
 * inbound text shows exactly once across the live contacts' timelines.
 */
async function expectWhole(contactIds: string[], identityIds: string[], inboundTexts: string[]) {
  const views = await Promise.all(contactIds.map(view));
  const live = new Map<string, any>();
  for (const v of views) if (v.resolvedFrom === null) live.set(v.contact.id, v);
  const owner = new Map<string, string>();
  for (const v of live.values()) {
    expect(v.contact.mergedIntoId).toBeNull();
    for (const identity of [...v.identities.instagram, ...v.identities.whatsapp]) {
      expect(owner.get(identity.id), `identity ${identity.id} on two live contacts`).toBeUndefined();
      owner.set(identity.id, v.contact.id);
      const conversation = await env.agentApi.get(`/api/conversations/${identity.conversation.id}`);
      expect(conversation.body.conversation.contactId, `conversation of identity ${identity.id}`).toBe(v.contact.id);
    }
  }
  for (const id of identityIds) expect(owner.has(id), `identity ${id} on no live contact`).toBe(true);
  for (const v of views) {
    // A merged contact resolves to a live one that holds its identities.
    if (v.resolvedFrom !== null) expect(live.has(v.contact.id), `tombstone resolves to live contact ${v.contact.id}`).toBe(true);
  }
  const shown: string[] = [];
  for (const id of live.keys()) {
    for (const message of await timeline(id)) if (message.direction === 'inbound') shown.push(message.text);
  }
  for (const text of inboundTexts) expect(shown.filter((t) => t === text), `"${text}" shown once`).toHaveLength(1);
  return { live: [...live.keys()], owner };
}

/** Audit lines of one action on one subject, across the given contacts' histories (each line once). */
async function auditLines(contactIds: string[], action: string, subjectId: string) {
  const events = new Map<number, any>();
  for (const id of contactIds) for (const event of (await history(id)).events) events.set(event.id, event);
  return [...events.values()].filter((e) => e.action === action && e.subjectId === subjectId);
}

const statuses = (responses: { status: number }[]) => responses.map((r) => r.status).sort();

describe('merges racing merges and undos', () => {
  it('undo against undo of the same merge: one undoes it, the other is told it was already undone', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const pair = await customerOnBoth();
      const merged = await merge(env.agentApi, pair.ig.contactId, pair.wa.contactId);
      expect(merged.status, merged.text).toBe(200);
      const mergeId = merged.body.merge.id;
      const answers = await Promise.all([
        env.agentApi.post(`/api/merges/${mergeId}/undo`, {}),
        env.adminApi.post(`/api/merges/${mergeId}/undo`, {}),
      ]);
      expect(statuses(answers), answers.map((a) => a.text).join('\n')).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('merge_already_undone');
      await env.settle();
      const { live } = await expectWhole([pair.ig.contactId, pair.wa.contactId], pair.identities, [`hello on instagram ${pair.token}`, `hello on whatsapp ${pair.token}`]);
      expect(live.sort()).toEqual([pair.ig.contactId, pair.wa.contactId].sort());
      expect((await auditLines([pair.ig.contactId, pair.wa.contactId], 'contact.unmerged', mergeId)).map((e) => e.contactId).sort()).toEqual(
        [pair.ig.contactId, pair.wa.contactId].sort(),
      );
    }
  });

  it('undo against a new merge touching the same contacts: either order leaves whole contacts and a true history', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const pair = await customerOnBoth();
      const third = await customerOnBoth();
      const first = await merge(env.agentApi, pair.ig.contactId, pair.wa.contactId);
      expect(first.status, first.text).toBe(200);
      const firstId = first.body.merge.id;
      const [undo, next] = await Promise.all([
        env.adminApi.post(`/api/merges/${firstId}/undo`, {}),
        merge(env.agentApi, pair.ig.contactId, third.wa.contactId),
      ]);
      expect(next.status, next.text).toBe(200);
      // The undo wins when it commits first; after the new merge it is refused (undo runs latest first).
      expect([200, 409], undo.text).toContain(undo.status);
      if (undo.status === 409) expect(undo.body.error.code).toBe('undo_out_of_order');
      await env.settle();
      const contacts = [pair.ig.contactId, pair.wa.contactId, third.wa.contactId];
      const texts = [pair, third].flatMap((p) => [`hello on whatsapp ${p.token}`]).concat(`hello on instagram ${pair.token}`);
      const { live } = await expectWhole(contacts, [...pair.identities, ...third.identities.slice(1)], texts);
      expect(live.length).toBe(undo.status === 200 ? 2 : 1);
      const { merges } = await history(pair.ig.contactId);
      const shown = new Map(merges.map((m: any) => [m.id, m]));
      expect(shown.get(firstId)!.undoneAt !== null).toBe(undo.status === 200);
      expect(shown.get(next.body.merge.id)!.undoneAt).toBeNull();
      const unmerged = await auditLines(contacts, 'contact.unmerged', firstId);
      expect(unmerged).toHaveLength(undo.status === 200 ? 2 : 0);
      expect(await auditLines(contacts, 'contact.merged', next.body.merge.id)).toHaveLength(2);
    }
  });
});

describe('an undo racing the same merge made again', () => {
  it('either the undo lands first and the merge is made again, or the merge is refused and the undo stands', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const pair = await customerOnBoth();
      const first = await merge(env.agentApi, pair.ig.contactId, pair.wa.contactId);
      expect(first.status, first.text).toBe(200);
      const [undo, again] = await Promise.all([
        env.adminApi.post(`/api/merges/${first.body.merge.id}/undo`, {}),
        merge(env.agentApi, pair.ig.contactId, pair.wa.contactId),
      ]);
      expect(undo.status, undo.text).toBe(200);
      expect([200, 409], again.text).toContain(again.status);
      if (again.status === 409) expect(again.body.error.code).toBe('merge_already_merged');
      await env.settle();
      const contacts = [pair.ig.contactId, pair.wa.contactId];
      const { live } = await expectWhole(contacts, pair.identities, [`hello on instagram ${pair.token}`, `hello on whatsapp ${pair.token}`]);
      expect(live).toHaveLength(again.status === 200 ? 1 : 2);
      const { merges } = await history(pair.ig.contactId);
      expect(merges.filter((m: any) => m.undoneAt === null)).toHaveLength(again.status === 200 ? 1 : 0);
      expect(await auditLines(contacts, 'contact.unmerged', first.body.merge.id)).toHaveLength(2);
    }
  });
});

describe('merge requests and invites racing', () => {
  /** Manual merge mode, an invite, and the customer sending its code on WhatsApp: a pending merge request. */
  async function pendingRequest() {
    const pair = await customerOnBoth();
    const { sentence, inviteId } = await sendInvite(env, pair.ig.id, pair.customer.id);
    await env.platform.sendWhatsAppText(pair.customer.id, sentence);
    await env.settle();
    const request = (await view(pair.ig.contactId)).pendingMergeRequests[0];
    expect(request, 'a pending merge request').toBeTruthy();
    return { pair, inviteId, requestId: request.id as string };
  }

  it('accept against reject of one merge request: exactly one decides it, the other is told so', async () => {
    const manual = await env.adminApi.patch(`/api/channels/${env.instagram.id}/settings`, { allowAutoMerge: false });
    expect(manual.status, manual.text).toBe(200);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const { pair, requestId } = await pendingRequest();
        const answers = await Promise.all([
          env.agentApi.post(`/api/merge-requests/${requestId}/accept`),
          env.adminApi.post(`/api/merge-requests/${requestId}/reject`, {}),
        ]);
        expect(statuses(answers), answers.map((a) => a.text).join('\n')).toEqual([200, 409]);
        const loser = answers.find((a) => a.status === 409)!;
        expect(loser.body.error.code).toBe('merge_request_decided');
        const accepted = answers[0].status === 200;
        await env.settle();
        const contacts = [pair.ig.contactId, pair.wa.contactId];
        const { live } = await expectWhole(contacts, pair.identities, [`hello on instagram ${pair.token}`, `hello on whatsapp ${pair.token}`]);
        expect(live).toHaveLength(accepted ? 1 : 2);
        expect(await auditLines(contacts, 'merge_request.accepted', requestId)).toHaveLength(accepted ? 2 : 0);
        expect(await auditLines(contacts, 'merge_request.rejected', requestId)).toHaveLength(accepted ? 0 : 2);
        expect((await view(pair.ig.contactId)).pendingMergeRequests).toEqual([]);
      }
    } finally {
      await env.adminApi.patch(`/api/channels/${env.instagram.id}/settings`, { allowAutoMerge: true });
    }
  });

  it('an agent’s merge against the automatic merge of the same invite: one merge, the invite ends merged', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const pair = await customerOnBoth();
      const { sentence, inviteId } = await sendInvite(env, pair.ig.id, pair.customer.id);
      await env.platform.sendWhatsAppText(pair.customer.id, sentence);
      // The code's webhook is stored and its job queued; the worker and the agent's click go together.
      await env.platform.flush();
      const [, click] = await Promise.all([env.braid.drainJobs(), merge(env.agentApi, pair.ig.contactId, pair.wa.contactId)]);
      expect([200, 409], click.text).toContain(click.status);
      if (click.status === 409) expect(click.body.error.code).toBe('merge_already_merged');
      await env.settle();
      const contacts = [pair.ig.contactId, pair.wa.contactId];
      const { live } = await expectWhole(contacts, pair.identities, [`hello on instagram ${pair.token}`, `hello on whatsapp ${pair.token}`, sentence]);
      expect(live).toEqual([pair.ig.contactId]);
      const shown = await view(pair.ig.contactId);
      expect(shown.invites.find((i: any) => i.id === inviteId)?.state).toBe('merged');
      const { merges } = await history(pair.ig.contactId);
      expect(merges.filter((m: any) => m.undoneAt === null)).toHaveLength(1);
      expect(await auditLines(contacts, 'contact.merged', merges[0].id)).toHaveLength(2);
    }
  });

  it('two agents inviting the same customer at once: one live invite, the other superseded, each template sent once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const t = token();
      const customer = await env.platform.createCustomer({ name: `Ines ${t}`, igUsername: `ines.${t}`, phone: null });
      await env.platform.sendInstagramText(customer.id, `hello ${t}`);
      await env.settle();
      const ig = await conversationOf(env, 'instagram', t);
      const answers = await Promise.all([
        env.agentApi.post(`/api/conversations/${ig.id}/whatsapp-invite`),
        env.adminApi.post(`/api/conversations/${ig.id}/whatsapp-invite`),
      ]);
      expect(statuses(answers), answers.map((a) => a.text).join('\n')).toEqual([201, 201]);
      await env.settle();
      const invites = (await view(ig.contactId)).invites as { id: string; state: string }[];
      expect(invites.map((i) => i.state).sort()).toEqual(['sent', 'superseded']);
      // The later commit superseded the earlier one, whichever agent it was.
      const superseded = answers.flatMap((a) => a.body.superseded as string[]);
      expect(superseded).toEqual([invites.find((i) => i.state === 'superseded')!.id]);
      const templates = (await env.platform.sends({ channel: 'instagram', customerId: customer.id })).filter(
        (s) => (s.body as any).message?.attachment?.payload?.template_type === 'button',
      );
      expect(templates).toHaveLength(2);
      for (const invite of invites) expect(await auditLines([ig.contactId], 'invite.sent', invite.id)).toHaveLength(1);
    }
  });

  it('two agents sending the same WhatsApp customer an Instagram link at once: one live link, the other superseded', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const t = token();
      const customer = await env.platform.createCustomer({ name: `Jon ${t}`, igUsername: `jon.${t}` });
      await env.platform.sendWhatsAppText(customer.id, `hello ${t}`);
      await env.settle();
      const wa = await conversationOf(env, 'whatsapp', t);
      const answers = await Promise.all([
        env.agentApi.post(`/api/conversations/${wa.id}/instagram-link`),
        env.adminApi.post(`/api/conversations/${wa.id}/instagram-link`),
      ]);
      expect(statuses(answers), answers.map((a) => a.text).join('\n')).toEqual([201, 201]);
      await env.settle();
      const invites = (await view(wa.contactId)).invites as { id: string; state: string }[];
      expect(invites.map((i) => i.state).sort()).toEqual(['sent', 'superseded']);
      expect(answers.flatMap((a) => a.body.superseded as string[])).toEqual([invites.find((i) => i.state === 'superseded')!.id]);
      for (const invite of invites) expect(await auditLines([wa.contactId], 'invite.sent', invite.id)).toHaveLength(1);
    }
  });
});

describe('webhooks racing', () => {
  it('the same delivery twice in parallel (Meta retrying while the first is running): each message once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const t = token();
      const customer = await env.platform.createCustomer({ name: `Duda ${t}`, igUsername: `duda.${t}` });
      const now = env.braid.clock.now();
      const instagram = buildInstagramBatch([
        { accountId: IG_ACCOUNT, messaging: { sender: { id: customer.igsid }, recipient: { id: IG_ACCOUNT }, timestamp: now, message: { mid: `m_dup_ig_${t}`, text: `ig twice ${t}` } } },
      ]);
      const whatsapp = buildWhatsAppBatch(
        WA_ACCOUNT,
        [{ kind: 'message', contact: whatsappContact(customer, true), message: { ...whatsappSender(customer, true), id: `wamid.dup_${t}`, timestamp: whatsappSeconds(now), type: 'text', text: { body: `wa twice ${t}` } } }],
        'one-change',
      );
      const answers = await Promise.all([
        env.postWebhook('instagram', instagram),
        env.postWebhook('instagram', instagram),
        env.postWebhook('whatsapp', whatsapp),
        env.postWebhook('whatsapp', whatsapp),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      await env.settle();
      const ig = await onlyConversation('instagram', t);
      const wa = await onlyConversation('whatsapp', t);
      const identities = [(await view(ig.contactId)).identities.instagram, (await view(wa.contactId)).identities.whatsapp];
      expect(identities.map((list) => list.length)).toEqual([1, 1]);
      await expectWhole([ig.contactId, wa.contactId], identities.map((list) => list[0].id), [`ig twice ${t}`, `wa twice ${t}`]);
    }
  });

  it('two different deliveries naming the same new customer at once (on WhatsApp by user id and phone, or user id only): one contact, one identity, each message once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const t = token();
      const customer = await env.platform.createCustomer({ name: `Eva ${t}`, igUsername: `eva.${t}` });
      const now = env.braid.clock.now();
      const instagram = (n: number) =>
        buildInstagramBatch([
          { accountId: IG_ACCOUNT, messaging: { sender: { id: customer.igsid }, recipient: { id: IG_ACCOUNT }, timestamp: now + n, message: { mid: `m_new_${t}_${n}`, text: `ig ${n} ${t}` } } },
        ]);
      const whatsapp = (n: number) =>
        buildWhatsAppBatch(
          WA_ACCOUNT,
          [{ kind: 'message', contact: whatsappContact(customer, n !== 2), message: { ...whatsappSender(customer, n !== 2), id: `wamid.new_${t}_${n}`, timestamp: whatsappSeconds(now + n * 1000), type: 'text', text: { body: `wa ${n} ${t}` } } }],
          'one-change',
        );
      const answers = await Promise.all([1, 2, 3].flatMap((n) => [env.postWebhook('instagram', instagram(n)), env.postWebhook('whatsapp', whatsapp(n))]));
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      await env.settle();
      const ig = await onlyConversation('instagram', t);
      const wa = await onlyConversation('whatsapp', t);
      const igView = await view(ig.contactId);
      expect(igView.identities.instagram.map((i: any) => i.externalId)).toEqual([customer.igsid]);
      const waView = await view(wa.contactId);
      expect(waView.identities.whatsapp.map((i: any) => i.externalId)).toEqual([customer.bsuid]);
      await expectWhole([ig.contactId, wa.contactId], [igView.identities.instagram[0].id, waView.identities.whatsapp[0].id], [1, 2, 3].flatMap((n) => [`ig ${n} ${t}`, `wa ${n} ${t}`]));
    }
  });
});

async function onlyConversation(channel: 'instagram' | 'whatsapp', search: string) {
  const list = await env.agentApi.get(`/api/conversations?channel=${channel}&q=${encodeURIComponent(search)}`);
  expect(list.status, list.text).toBe(200);
  const found = list.body.conversations.filter((c: any) => c.channel === channel);
  expect(found, `one ${channel} conversation of ${search}`).toHaveLength(1);
  return found[0] as { id: string; contactId: string };
}
