import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/shared/ids';
import { signedInWorkspace } from '../../../test/factories';
import { startTestBraid, type TestBraid } from '../../../test/harness';
import { addCustomer, addInbound, rawContactRows } from '../../../test/mergeFixtures';

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

describe('undo', () => {
  it('restores both contacts byte for byte; what arrived since stays with its identity', async () => {
    const { api, instagram, whatsapp } = await setUp();
    const { repos } = braid.ctx.store;
    const ig = await addCustomer(braid.ctx, instagram, { name: 'Caro Dias', username: 'caro' });
    const wa = await addCustomer(braid.ctx, whatsapp, { phone: '447700900123', email: 'caro@mail.uk' });
    await repos.contacts.addTag(wa.contact.id, 'wholesale', 5);
    await repos.contacts.addNote({ id: newId(), workspaceId: wa.contact.workspaceId, contactId: wa.contact.id, authorId: null, body: 'Prefers mornings', createdAt: 5 });
    const before = await rawContactRows(braid.ctx, [ig.contact.id, wa.contact.id]);

    braid.clock.advance(1000);
    const merged = await api.post(`/api/contacts/${ig.contact.id}/merge`, { with: wa.contact.id });
    expect(merged.status).toBe(200);
    // Since the merge: a WhatsApp message, and a tag and a note added to the merged contact.
    braid.clock.advance(1000);
    const laterMessage = await addInbound(braid.ctx, wa.conversation, 'One more thing', braid.clock.now());
    await repos.contacts.addTag(ig.contact.id, 'followup', braid.clock.now());
    const laterNote = newId();
    await repos.contacts.addNote({ id: laterNote, workspaceId: ig.contact.workspaceId, contactId: ig.contact.id, authorId: null, body: 'Called back', createdAt: braid.clock.now() });

    const undone = await api.post(`/api/merges/${merged.body.merge.id}/undo`, { reason: 'Wrong person' });
    expect(undone.status, undone.text).toBe(200);
    const after = await rawContactRows(braid.ctx, [ig.contact.id, wa.contact.id]);
    expect(after.contacts).toEqual(before.contacts);
    expect(after.identities).toEqual(before.identities);
    expect(after.tags.filter((t) => t.tag !== 'followup')).toEqual(before.tags);
    expect(after.tags.find((t) => t.tag === 'followup')?.contact_id).toBe(ig.contact.id);
    expect(after.notes.filter((n) => n.id !== laterNote)).toEqual(before.notes);
    expect(after.notes.find((n) => n.id === laterNote)?.contact_id).toBe(ig.contact.id);

    const waTimeline = await api.get(`/api/contacts/${wa.contact.id}/timeline`);
    expect(waTimeline.body.messages.map((m: any) => m.id)).toContain(laterMessage);
    expect((await api.get(`/api/contacts/${ig.contact.id}/timeline`)).body.messages.every((m: any) => m.channel === 'instagram')).toBe(true);

    const twice = await api.post(`/api/merges/${merged.body.merge.id}/undo`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('merge_already_undone');
    const history = await api.get(`/api/contacts/${ig.contact.id}/history`);
    expect(history.body.events.slice(0, 2).map((e: any) => e.action)).toEqual(['contact.unmerged', 'contact.unmerged']);
    expect(history.body.merges[0]).toMatchObject({ id: merged.body.merge.id, undoable: false });
  });

  it('refuses to undo a merge a later merge built on, until that one is undone', async () => {
    const { api, instagram, whatsapp } = await setUp();
    const ig = await addCustomer(braid.ctx, instagram, { username: 'dora' });
    const wa = await addCustomer(braid.ctx, whatsapp, { phone: '351933333333' });
    const other = await addCustomer(braid.ctx, whatsapp, { name: 'Dora too', wroteAt: null });
    const before = await rawContactRows(braid.ctx, [ig.contact.id, wa.contact.id, other.contact.id]);
    const first = await api.post(`/api/contacts/${ig.contact.id}/merge`, { with: wa.contact.id });
    const second = await api.post(`/api/contacts/${ig.contact.id}/merge`, { with: other.contact.id, confirm: true });
    expect([first.status, second.status]).toEqual([200, 200]);

    const outOfOrder = await api.post(`/api/merges/${first.body.merge.id}/undo`);
    expect(outOfOrder.status).toBe(409);
    expect(outOfOrder.body.error).toMatchObject({ code: 'undo_out_of_order', details: { laterMergeIds: [second.body.merge.id] } });
    const history = await api.get(`/api/contacts/${ig.contact.id}/history`);
    expect(history.body.merges.map((m: any) => [m.id, m.undoable])).toEqual([[second.body.merge.id, true], [first.body.merge.id, false]]);

    expect((await api.post(`/api/merges/${second.body.merge.id}/undo`)).status).toBe(200);
    expect((await api.post(`/api/merges/${first.body.merge.id}/undo`)).status).toBe(200);
    expect(await rawContactRows(braid.ctx, [ig.contact.id, wa.contact.id, other.contact.id])).toEqual(before);
  });
});
