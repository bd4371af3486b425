import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../store/store';
import { detectInviteCode } from './detectInviteCode';
import { sendWhatsAppInvite } from './sendWhatsAppInvite';
import { mergeContacts } from './mergeContacts';
import { signedInWorkspace } from '../../../test/factories';
import { startTestBraid, type TestBraid } from '../../../test/harness';
import { addCustomer, addInbound, addManyMessages } from '../../../test/mergeFixtures';
import { RowCounter } from '../../../test/rowCounter';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

async function setUp() {
  const ws = await signedInWorkspace(braid);
  return { ...ws, api: ws.agentApi };
}

/** Nothing half-merged, nothing lost: every identity on a live contact, every tombstone explained by one live merge. */
async function expectConsistent(workspaceId: string, contactIds: string[], identityIds: string[]) {
  const db = braid.ctx.store.kysely;
  const contacts = await db.selectFrom('contacts').selectAll().where('id', 'in', contactIds).execute();
  expect(contacts).toHaveLength(contactIds.length);
  const identities = await db.selectFrom('identities').selectAll().where('id', 'in', identityIds).execute();
  expect(identities).toHaveLength(identityIds.length);
  const live = new Set(contacts.filter((c) => c.merged_into_id === null).map((c) => c.id));
  for (const identity of identities) expect(live.has(identity.contact_id), `identity ${identity.id} on a tombstone`).toBe(true);
  const merges = await db.selectFrom('merges').selectAll().where('workspace_id', '=', workspaceId).where('undone_at', 'is', null).where('merged_id', 'in', contactIds).execute();
  const tombstones = contacts.filter((c) => c.merged_into_id !== null);
  expect(merges).toHaveLength(tombstones.length);
  for (const tombstone of tombstones) {
    expect(merges.filter((m) => m.merged_id === tombstone.id).map((m) => m.survivor_id)).toEqual([tombstone.merged_into_id]);
  }
  return { live: live.size, merges: merges.length };
}

describe('racing merges', () => {
  it('50 concurrent merges of the same two contacts: one applied, 49 answered 409', async () => {
    const { api, instagram, whatsapp, workspace } = await setUp();
    const ig = await addCustomer(braid.ctx, instagram, { username: 'race' });
    const wa = await addCustomer(braid.ctx, whatsapp, { phone: '351911111111' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 ? api.post(`/api/contacts/${ig.contact.id}/merge`, { with: wa.contact.id }) : api.post(`/api/contacts/${wa.contact.id}/merge`, { with: ig.contact.id }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(new Set(['merge_already_merged']));
    expect(await expectConsistent(workspace.id, [ig.contact.id, wa.contact.id], [ig.identity.id, wa.identity.id])).toEqual({ live: 1, merges: 1 });
  });

  it('50 concurrent merges over overlapping pairs of 12 contacts leave a consistent state', async () => {
    const { api, instagram, whatsapp, workspace } = await setUp();
    const customers: Awaited<ReturnType<typeof addCustomer>>[] = [];
    for (let i = 0; i < 12; i++) customers.push(await addCustomer(braid.ctx, i % 2 ? whatsapp : instagram, { username: `c${i}` }));
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pairs = Array.from({ length: 50 }, () => {
      const a = random(12);
      return [a, (a + 1 + random(11)) % 12];
    });
    const responses = await Promise.all(
      pairs.map(([a, b]) => api.post(`/api/contacts/${customers[a].contact.id}/merge`, { with: customers[b].contact.id, confirm: true })),
    );
    for (const r of responses) expect([200, 409], r.text).toContain(r.status);
    const applied = responses.filter((r) => r.status === 200).length;
    expect(applied).toBeGreaterThan(0);
    const state = await expectConsistent(
      workspace.id,
      customers.map((c) => c.contact.id),
      customers.map((c) => c.identity.id),
    );
    expect(state).toEqual({ live: 12 - applied, merges: applied });
  });
});

describe('auto merge racing an agent’s merge', () => {
  it('one merge applied whichever wins, the invite ends merged', async () => {
    const { api, instagram, whatsapp, workspace, agent } = await setUp();
    for (let round = 0; round < 6; round++) {
      const ig = await addCustomer(braid.ctx, instagram, { username: `auto${round}` });
      const wa = await addCustomer(braid.ctx, whatsapp, { phone: `35191000000${round}` });
      const { invite, message } = await sendWhatsAppInvite(braid.ctx, { workspaceId: workspace.id, conversationId: ig.conversation.id, actorId: agent.id });
      const url = (message.payload.outbound as any).buttons[0].url as string;
      const sentence = decodeURIComponent(url.split('?text=')[1]);
      const codeMessage = await addInbound(braid.ctx, wa.conversation, sentence, braid.clock.now());
      const [job, manual] = await Promise.all([
        detectInviteCode(braid.ctx, { messageId: codeMessage }),
        api.post(`/api/contacts/${ig.contact.id}/merge`, { with: wa.contact.id }),
      ]);
      expect([200, 409]).toContain(manual.status);
      expect(['merged', 'repeated']).toContain(job.outcome);
      expect(await expectConsistent(workspace.id, [ig.contact.id, wa.contact.id], [ig.identity.id, wa.identity.id])).toEqual({ live: 1, merges: 1 });
      expect((await braid.ctx.store.repos.invites.get(workspace.id, invite.id))?.state).toBe('merged');
    }
  });
});

describe('merge cost', () => {
  it('a merge over 100k messages writes the same rows as over 10, and no message row is rewritten', { timeout: 180_000 }, async () => {
    const { instagram, whatsapp, workspace, agent } = await setUp();
    const rowsWritten = async (messages: number) => {
      const ig = await addCustomer(braid.ctx, instagram, { username: `m${messages}` });
      const wa = await addCustomer(braid.ctx, whatsapp, { phone: null, name: `m${messages}` });
      await addManyMessages(braid.ctx, ig.conversation, messages / 2, 1_000);
      await addManyMessages(braid.ctx, wa.conversation, messages / 2, 2_000_000);
      const counter = new RowCounter();
      const store = createStore(braid.ctx.store.kysely.withPlugin(counter));
      const messagesBefore = await braid.ctx.store.kysely.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('conversation_id', 'in', [ig.conversation.id, wa.conversation.id]).executeTakeFirstOrThrow();
      await mergeContacts({ ...braid.ctx, store }, { workspaceId: workspace.id, contactId: ig.contact.id, withContactId: wa.contact.id, actor: { type: 'user', id: agent.id }, confirmed: false });
      expect(Number(messagesBefore.n)).toBe(messages + 2);
      return counter;
    };
    const small = await rowsWritten(10);
    const large = await rowsWritten(100_000);
    for (const counter of [small, large]) {
      expect(counter.total({ kind: 'update', table: 'messages' })).toBe(0);
      expect(counter.total({ kind: 'delete', table: 'messages' })).toBe(0);
      // Only the two "merged" thread items are new message rows.
      expect(counter.total({ kind: 'insert', table: 'messages' })).toBe(2);
      expect(counter.total({ kind: 'update', table: 'identities' })).toBe(1);
    }
    expect(large.total()).toBe(small.total());
    expect(large.total()).toBeLessThan(20);
  });
});
