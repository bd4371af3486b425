import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, signedInWorkspace, TEST_PASSWORD } from '../../../test/factories';
import { startTestBraid, type TestBraid } from '../../../test/harness';
import { ApiClient } from '../../../test/http';
import { addCustomer } from '../../../test/mergeFixtures';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

const eventsOf = async (workspaceId: string) => (await braid.ctx.store.repos.events.since(workspaceId, 0, 500)).map((e) => e.type);

describe('tags', () => {
  it('an agent adds and removes tags; the workspace’s tags are suggested; each change is recorded and announced', async () => {
    const ws = await signedInWorkspace(braid);
    const api = ws.agentApi;
    const ana = await addCustomer(braid.ctx, ws.instagram, { name: 'Ana' });
    const bea = await addCustomer(braid.ctx, ws.whatsapp, { name: 'Bea' });

    const added = await api.post(`/api/contacts/${ana.contact.id}/tags`, { tag: '  VIP   customer ' });
    expect(added.status, added.text).toBe(200);
    expect(added.body.tags).toEqual(['VIP customer']);
    expect((await api.post(`/api/contacts/${ana.contact.id}/tags`, { tag: 'VIP customer' })).body.tags).toEqual(['VIP customer']);
    await api.post(`/api/contacts/${bea.contact.id}/tags`, { tag: 'wholesale' });
    expect((await api.get('/api/tags')).body.tags).toEqual(['VIP customer', 'wholesale']);
    expect((await api.get(`/api/contacts/${ana.contact.id}`)).body.tags).toEqual(['VIP customer']);

    const removed = await api.request('DELETE', `/api/contacts/${ana.contact.id}/tags`, { tag: 'VIP customer' });
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.tags).toEqual([]);
    expect((await api.request('DELETE', `/api/contacts/${ana.contact.id}/tags`, { tag: 'VIP customer' })).status).toBe(404);

    const history = await api.get(`/api/contacts/${ana.contact.id}/history`);
    expect(history.body.events.map((e: any) => [e.action, e.data.tag, e.actorId])).toEqual([
      ['contact.tag_removed', 'VIP customer', ws.agent.id],
      ['contact.tag_added', 'VIP customer', ws.agent.id],
    ]);
    expect((await eventsOf(ws.workspace.id)).filter((t) => t === 'contact.updated')).toHaveLength(3);
  });

  it('refuses empty and over-long tags with a message, and other workspaces’ contacts', async () => {
    const ws = await signedInWorkspace(braid);
    const other = await signedInWorkspace(braid);
    const ana = await addCustomer(braid.ctx, ws.instagram, { name: 'Ana' });
    const empty = await ws.agentApi.post(`/api/contacts/${ana.contact.id}/tags`, { tag: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/tag is empty/);
    const long = await ws.agentApi.post(`/api/contacts/${ana.contact.id}/tags`, { tag: 'x'.repeat(51) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/at most 50 characters/);
    expect((await ws.agentApi.post(`/api/contacts/${ana.contact.id}/tags`, { tag: 'x'.repeat(50) })).status).toBe(200);
    expect((await other.agentApi.post(`/api/contacts/${ana.contact.id}/tags`, { tag: 'spy' })).status).toBe(404);
    expect((await other.agentApi.request('DELETE', `/api/contacts/${ana.contact.id}/tags`, { tag: 'x'.repeat(50) })).status).toBe(404);
    expect((await other.agentApi.get('/api/tags')).body.tags).toEqual([]);
  });
});

describe('notes', () => {
  it('an agent writes a note; only its author or an admin edits or deletes it; every change is recorded', async () => {
    const ws = await signedInWorkspace(braid);
    const colleague = await createUser(braid.ctx, ws.workspace.id, 'agent');
    const colleagueApi = new ApiClient(braid.url);
    await colleagueApi.signIn(colleague.email, TEST_PASSWORD);
    const ana = await addCustomer(braid.ctx, ws.instagram, { name: 'Ana' });

    const created = await ws.agentApi.post(`/api/contacts/${ana.contact.id}/notes`, { body: ' Prefers mornings ' });
    expect(created.status, created.text).toBe(201);
    expect(created.body.note).toMatchObject({ contactId: ana.contact.id, authorId: ws.agent.id, body: 'Prefers mornings', createdAt: braid.clock.now() });
    const noteId = created.body.note.id;
    expect((await ws.agentApi.get(`/api/contacts/${ana.contact.id}`)).body.notes).toMatchObject([{ id: noteId, body: 'Prefers mornings', authorId: ws.agent.id }]);

    const notAuthor = await colleagueApi.patch(`/api/notes/${noteId}`, { body: 'Rewritten' });
    expect(notAuthor.status).toBe(403);
    expect(notAuthor.body.error.code).toBe('not_note_author');
    expect((await colleagueApi.request('DELETE', `/api/notes/${noteId}`)).status).toBe(403);

    const edited = await ws.agentApi.patch(`/api/notes/${noteId}`, { body: 'Prefers afternoons' });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.note.body).toBe('Prefers afternoons');
    expect((await ws.adminApi.patch(`/api/notes/${noteId}`, { body: 'Call after 2pm' })).status).toBe(200);
    expect((await ws.agentApi.get(`/api/contacts/${ana.contact.id}`)).body.notes[0].body).toBe('Call after 2pm');
    expect((await ws.adminApi.request('DELETE', `/api/notes/${noteId}`)).status).toBe(204);
    expect((await ws.agentApi.get(`/api/contacts/${ana.contact.id}`)).body.notes).toEqual([]);
    expect((await ws.agentApi.request('DELETE', `/api/notes/${noteId}`)).status).toBe(404);

    const history = await ws.agentApi.get(`/api/contacts/${ana.contact.id}/history`);
    expect(history.body.events.map((e: any) => [e.action, e.actorId])).toEqual([
      ['note.deleted', ws.admin.id],
      ['note.edited', ws.admin.id],
      ['note.edited', ws.agent.id],
      ['note.added', ws.agent.id],
    ]);
    expect((await eventsOf(ws.workspace.id)).filter((t) => t === 'contact.updated')).toHaveLength(4);
  });

  it('refuses empty and over-long notes, and other workspaces’ contacts and notes', async () => {
    const ws = await signedInWorkspace(braid);
    const other = await signedInWorkspace(braid);
    const ana = await addCustomer(braid.ctx, ws.instagram, { name: 'Ana' });
    const empty = await ws.agentApi.post(`/api/contacts/${ana.contact.id}/notes`, { body: ' \n ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/note is empty/);
    const long = await ws.agentApi.post(`/api/contacts/${ana.contact.id}/notes`, { body: 'x'.repeat(5001) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/at most 5,000 characters/);
    const note = await ws.agentApi.post(`/api/contacts/${ana.contact.id}/notes`, { body: 'x'.repeat(5000) });
    expect(note.status).toBe(201);
    expect((await other.agentApi.post(`/api/contacts/${ana.contact.id}/notes`, { body: 'Hi' })).status).toBe(404);
    expect((await other.adminApi.patch(`/api/notes/${note.body.note.id}`, { body: 'Hi' })).status).toBe(404);
    expect((await other.adminApi.request('DELETE', `/api/notes/${note.body.note.id}`)).status).toBe(404);
  });
});

describe('notes and tags through merge and undo', () => {
  it('each contact’s note and tag come back to it on undo; what was added to the survivor after the merge stays there', async () => {
    const ws = await signedInWorkspace(braid);
    const api = ws.agentApi;
    const ig = await addCustomer(braid.ctx, ws.instagram, { name: 'Caro Dias', username: 'caro' });
    const wa = await addCustomer(braid.ctx, ws.whatsapp, { name: 'Caro Dias', phone: '447700900123' });
    const igNote = (await api.post(`/api/contacts/${ig.contact.id}/notes`, { body: 'Met at the fair' })).body.note.id;
    const waNote = (await api.post(`/api/contacts/${wa.contact.id}/notes`, { body: 'Wants invoices' })).body.note.id;
    await api.post(`/api/contacts/${ig.contact.id}/tags`, { tag: 'fair-2026' });
    await api.post(`/api/contacts/${wa.contact.id}/tags`, { tag: 'wholesale' });

    braid.clock.advance(1000);
    const merged = await api.post(`/api/contacts/${ig.contact.id}/merge`, { with: wa.contact.id });
    expect(merged.status, merged.text).toBe(200);
    const survivor = (await api.get(`/api/contacts/${ig.contact.id}`)).body;
    expect(survivor.tags).toEqual(['fair-2026', 'wholesale']);
    expect(survivor.notes.map((n: any) => n.id).sort()).toEqual([igNote, waNote].sort());

    braid.clock.advance(1000);
    const laterNote = (await api.post(`/api/contacts/${ig.contact.id}/notes`, { body: 'Called back' })).body.note.id;
    await api.post(`/api/contacts/${ig.contact.id}/tags`, { tag: 'followup' });
    // An old link to the merged-away contact still reaches the survivor.
    expect((await api.post(`/api/contacts/${wa.contact.id}/tags`, { tag: 'repeat' })).body.contactId).toBe(ig.contact.id);

    expect((await api.post(`/api/merges/${merged.body.merge.id}/undo`)).status).toBe(200);
    const igAfter = (await api.get(`/api/contacts/${ig.contact.id}`)).body;
    const waAfter = (await api.get(`/api/contacts/${wa.contact.id}`)).body;
    expect(igAfter.notes.map((n: any) => n.id)).toEqual([igNote, laterNote]);
    expect(igAfter.tags).toEqual(['fair-2026', 'followup', 'repeat']);
    expect(waAfter.notes.map((n: any) => n.id)).toEqual([waNote]);
    expect(waAfter.tags).toEqual(['wholesale']);
  });
});
