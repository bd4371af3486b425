import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/shared/ids';
import { createWorkspace, signedInWorkspace } from '../../../test/factories';
import { startTestBraid, type TestBraid } from '../../../test/harness';
import { addCustomer, rawContactRows } from '../../../test/mergeFixtures';

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

describe('manual merge from the contact view', () => {
  it('previews, merges with the attribute rules, and the Instagram contact survives', async () => {
    const { api, instagram, whatsapp } = await setUp();
    const { repos } = braid.ctx.store;
    const ig = await addCustomer(braid.ctx, instagram, { name: 'Ana Silva', username: 'ana.silva' });
    const wa = await addCustomer(braid.ctx, whatsapp, { name: 'Ana', phone: '351912345678', email: 'ana@mail.pt' });
    await repos.contacts.addTag(ig.contact.id, 'vip', 1);
    await repos.contacts.addTag(wa.contact.id, 'lead', 1);
    await repos.contacts.addNote({ id: newId(), workspaceId: wa.contact.workspaceId, contactId: wa.contact.id, authorId: null, body: 'Asked about sizes', createdAt: 1 });
    await repos.contacts.save({ ...wa.contact, email: 'ana@mail.pt', marketingConsent: 'denied', attributes: { city: 'Porto' } });

    // Asked from the WhatsApp contact's view: the Instagram contact still survives.
    const preview = await api.get(`/api/contacts/${wa.contact.id}/merge-preview?with=${ig.contact.id}`);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({
      survivorId: ig.contact.id,
      mergedId: wa.contact.id,
      refused: false,
      needsConfirmation: false,
      result: { name: 'Ana Silva', phone: '351912345678', email: 'ana@mail.pt', marketingConsent: 'denied', attributes: { city: 'Porto' } },
      moves: { identityIds: [wa.identity.id], conversationIds: [wa.conversation.id], tagsAdded: ['lead'], messages: 1 },
    });
    expect(preview.body.conflicts.map((c: any) => c.message)).toEqual([expect.stringContaining('different values for name')]);
    const unchanged = await rawContactRows(braid.ctx, [ig.contact.id, wa.contact.id]);

    const merged = await api.post(`/api/contacts/${wa.contact.id}/merge`, { with: ig.contact.id });
    expect(merged.status, merged.text).toBe(200);
    expect(merged.body).toMatchObject({ survivorId: ig.contact.id, mergedId: wa.contact.id, merge: { how: 'contact_view' } });
    expect(merged.body.merge.snapshot).toBeUndefined();
    expect(unchanged.contacts[0]).not.toEqual((await rawContactRows(braid.ctx, [ig.contact.id])).contacts[0]);

    const view = await api.get(`/api/contacts/${ig.contact.id}`);
    expect(view.body.contact).toMatchObject({ name: 'Ana Silva', phone: '351912345678', email: 'ana@mail.pt', marketingConsent: 'denied' });
    expect(view.body.identities.whatsapp.map((i: any) => i.id)).toEqual([wa.identity.id]);
    expect(view.body.tags).toEqual(['lead', 'vip']);
    expect(view.body.notes.map((n: any) => n.body)).toEqual(['Asked about sizes']);
    expect((await repos.contacts.get(ig.contact.workspaceId, wa.contact.id))?.mergedIntoId).toBe(ig.contact.id);

    // Racing the same merge again: a clear conflict, nothing changes.
    const again = await api.post(`/api/contacts/${ig.contact.id}/merge`, { with: wa.contact.id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('merge_already_merged');
  });

  it('two contacts of one name: the thread and the notification name the channels, not the name twice', async () => {
    const { api, instagram, whatsapp } = await setUp();
    const ig = await addCustomer(braid.ctx, instagram, { name: 'Ana Souza', username: 'ana.souza' });
    const wa = await addCustomer(braid.ctx, whatsapp, { name: 'Ana Souza', phone: '351912340000' });
    const since = await braid.ctx.store.repos.events.latestId(ig.contact.workspaceId);
    expect((await api.post(`/api/contacts/${ig.contact.id}/merge`, { with: wa.contact.id })).status).toBe(200);
    const notice = "Ana Souza's WhatsApp is now linked to their Instagram contact.";
    const items = await braid.ctx.store.kysely.selectFrom('messages').select('text').where('conversation_id', '=', ig.conversation.id).where('type', '=', 'merge').execute();
    expect(items.map((i) => i.text)).toEqual([notice]);
    const events = await braid.ctx.store.repos.events.since(ig.contact.workspaceId, since, 100);
    expect(events.find((e) => e.type === 'contact.merged')?.data).toMatchObject({ message: `Contacts merged: ${notice}` });
  });

  it('the merged WhatsApp conversation takes the Instagram conversation’s agent when it has none, until the merge is undone', async () => {
    const { api, agent, instagram, whatsapp } = await setUp();
    const ig = await addCustomer(braid.ctx, instagram, { name: 'Rui Costa', username: 'rui.costa' });
    const wa = await addCustomer(braid.ctx, whatsapp, { name: 'Rui', phone: '351912340001' });
    const busy = await addCustomer(braid.ctx, whatsapp, { name: 'Rui (work)', phone: '351912340002' });
    expect((await api.post(`/api/conversations/${ig.conversation.id}/assign`, { userId: 'me' })).status).toBe(200);
    expect((await api.post(`/api/conversations/${busy.conversation.id}/assign`, { userId: null })).status).toBe(200);
    const assigneeOf = async (conversationId: string) => (await api.get(`/api/conversations/${conversationId}`)).body.conversation.assignee?.id ?? null;

    const merged = await api.post(`/api/contacts/${ig.contact.id}/merge`, { with: wa.contact.id });
    expect(merged.status).toBe(200);
    expect(await assigneeOf(wa.conversation.id)).toBe(agent.id);
    const history = (await api.get(`/api/contacts/${ig.contact.id}/history`)).body.events as { action: string; subjectId: string; actorType: string; data: any }[];
    expect(history.filter((e) => e.action === 'conversation.assigned' && e.subjectId === wa.conversation.id)).toEqual([
      expect.objectContaining({ actorType: 'system', data: expect.objectContaining({ assigneeId: agent.id, reason: 'merge' }) }),
    ]);

    expect((await api.post(`/api/merges/${merged.body.merge.id}/undo`, {})).status).toBe(200);
    expect(await assigneeOf(wa.conversation.id)).toBeNull();
    expect(await assigneeOf(ig.conversation.id)).toBe(agent.id);
  });

  it('two Instagram accounts on one contact need confirm: true', async () => {
    const { api, instagram } = await setUp();
    const a = await addCustomer(braid.ctx, instagram, { username: 'one' });
    const b = await addCustomer(braid.ctx, instagram, { username: 'two' });
    const refused = await api.post(`/api/contacts/${a.contact.id}/merge`, { with: b.contact.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'merge_needs_confirmation' });
    expect(refused.body.error.message).toContain('2 Instagram accounts');
    expect((await api.post(`/api/contacts/${a.contact.id}/merge`, { with: b.contact.id, confirm: true })).status).toBe(200);
  });

  it('other workspaces’ contacts and merges are not found', async () => {
    const mine = await setUp();
    const theirs = await createWorkspace(braid.ctx);
    const a = await addCustomer(braid.ctx, mine.instagram);
    const b = await addCustomer(braid.ctx, theirs.whatsapp);
    expect((await mine.api.get(`/api/contacts/${b.contact.id}`)).status).toBe(404);
    expect((await mine.api.get(`/api/contacts/${a.contact.id}/merge-preview?with=${b.contact.id}`)).status).toBe(404);
    expect((await mine.api.post(`/api/contacts/${a.contact.id}/merge`, { with: b.contact.id })).status).toBe(404);
    expect((await mine.api.get(`/api/contacts/${b.contact.id}/timeline`)).status).toBe(404);
    expect((await mine.api.post(`/api/merges/${newId()}/undo`)).status).toBe(404);
    expect((await mine.api.post(`/api/merge-requests/${newId()}/accept`)).status).toBe(404);
    expect((await mine.api.get(`/api/channels/${theirs.instagram.id}/settings`)).status).toBe(403); // agents: admin only
  });
});
