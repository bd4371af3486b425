import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/shared/ids';
import { signedInWorkspace } from '../../../test/factories';
import { startBraidWithPlatform, type BraidWithPlatform } from '../../../test/withPlatform';

let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

/** A customer who wrote on Instagram and on WhatsApp (each with a unique phrase), merged into one contact with a note and a tag. */
async function mergedCustomer(name: string) {
  const customer = await env.platform.createCustomer({ name, phone: `+3519${Math.floor(10_000_000 + Math.random() * 89_999_999)}` });
  const secret = { instagram: `ig-secret-${newId()}`, whatsapp: `wa-secret-${newId()}` };
  await env.platform.sendInstagramText(customer.id, `Hello, ${secret.instagram}`);
  await env.platform.sendWhatsAppText(customer.id, `My order: ${secret.whatsapp}`);
  await env.settle();
  const found = (await env.agentApi.get(`/api/contacts?q=${encodeURIComponent(name)}`)).body.contacts;
  const ig = found.find((c: any) => c.identities.some((i: any) => i.kind === 'instagram'));
  const wa = found.find((c: any) => c.identities.some((i: any) => i.kind === 'whatsapp'));
  expect(ig && wa, JSON.stringify(found)).toBeTruthy();
  let contactId = ig.id;
  let mergeId: string | null = null;
  if (ig.id !== wa.id) {
    const merged = await env.agentApi.post(`/api/contacts/${ig.id}/merge`, { with: wa.id, confirm: true });
    expect(merged.status, merged.text).toBe(200);
    contactId = merged.body.survivorId;
    mergeId = merged.body.merge.id;
  }
  expect((await env.agentApi.post(`/api/contacts/${contactId}/notes`, { body: `Note about ${name}` })).status).toBe(201);
  expect((await env.agentApi.post(`/api/contacts/${contactId}/tags`, { tag: 'export-test' })).status).toBe(200);
  return { customer, secret, contactId, mergedId: ig.id === contactId ? wa.id : ig.id, mergeId };
}

describe('download data', () => {
  it('gives an admin one JSON file with everything about the customer across both channels, and records it', async () => {
    const { secret, contactId, mergedId, mergeId } = await mergedCustomer(`Export Person ${newId().slice(-6)}`);
    const response = await env.adminApi.get(`/api/contacts/${contactId}/export?format=json`);
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="contact-${contactId}.json"`);
    const data = response.body;
    expect(data).toMatchObject({ format: 'braid.contact-export', version: 2, contact: { id: contactId, mergedIntoId: null }, media: { included: false, files: [] } });
    expect(new Date(data.exportedAt).toString()).not.toBe('Invalid Date');
    expect(data.mergedContacts.map((c: any) => c.id)).toEqual([mergedId]);
    expect(data.identities.map((i: any) => i.kind).sort()).toEqual(['instagram', 'whatsapp']);
    expect(data.conversations).toHaveLength(2);
    const texts = data.messages.map((m: any) => [m.kind, m.direction, m.text, m.status]);
    expect(texts).toContainEqual(['instagram', 'inbound', `Hello, ${secret.instagram}`, expect.any(String)]);
    expect(texts).toContainEqual(['whatsapp', 'inbound', `My order: ${secret.whatsapp}`, expect.any(String)]);
    expect(data.notes.map((n: any) => n.body)).toEqual([expect.stringMatching(/^Note about Export Person/)]);
    expect(data.tags.map((t: any) => t.tag)).toContain('export-test');
    expect(data.merges).toMatchObject([{ id: mergeId, survivorId: contactId, mergedId, snapshot: { version: 1 } }]);
    expect(data.merges[0]).not.toHaveProperty('disputeTokenHash');
    expect(data.auditEntries.map((e: any) => e.action)).toEqual(expect.arrayContaining(['contact.merged', 'note.added', 'contact.tag_added']));
    expect(JSON.stringify(data)).not.toMatch(/code_?hash/i);

    // The old id of the merged-away contact exports the same person.
    expect((await env.adminApi.get(`/api/contacts/${mergedId}/export?format=json`)).body.contact.id).toBe(contactId);
    const history = await env.agentApi.get(`/api/contacts/${contactId}/history`);
    expect(history.body.events.filter((e: any) => e.action === 'contact.exported')).toHaveLength(2);
    expect(history.body.events[0]).toMatchObject({ action: 'contact.exported', actorId: env.admin.id });
  });

  it('is for admins only, and only for the workspace’s own contacts', async () => {
    const { contactId } = await mergedCustomer(`Export Guarded ${newId().slice(-6)}`);
    const agent = await env.agentApi.get(`/api/contacts/${contactId}/export`);
    expect(agent.status).toBe(403);
    const badFormat = await env.adminApi.get(`/api/contacts/${contactId}/export?format=pdf`);
    expect(badFormat.status).toBe(400);
    expect(badFormat.text).toContain('format is zip (the default) or json');
    const other = await signedInWorkspace(env.braid);
    expect((await other.adminApi.get(`/api/contacts/${contactId}/export`)).status).toBe(404);
    const history = await env.agentApi.get(`/api/contacts/${contactId}/history`);
    expect(history.body.events.some((e: any) => e.action === 'contact.exported')).toBe(false);
  });
});

describe('delete customer data', () => {
  it('erases the customer across both channels and merged contacts, leaving no trace of their words in any table', async () => {
    const name = `Erase Person ${newId().slice(-6)}`;
    const { customer, secret, contactId, mergedId, mergeId } = await mergedCustomer(name);
    const view = (await env.agentApi.get(`/api/contacts/${contactId}`)).body;
    const conversationIds = [...view.identities.instagram, ...view.identities.whatsapp].map((i: any) => i.conversation.id);
    expect(conversationIds).toHaveLength(2);

    expect((await env.agentApi.request('DELETE', `/api/contacts/${contactId}`, { confirmName: name })).status).toBe(403);
    const other = await signedInWorkspace(env.braid);
    expect((await other.adminApi.request('DELETE', `/api/contacts/${contactId}`, { confirmName: name })).status).toBe(404);
    const wrong = await env.adminApi.request('DELETE', `/api/contacts/${contactId}`, { confirmName: 'Someone Else' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('confirm_name_mismatch');
    expect((await env.agentApi.get(`/api/contacts/${contactId}`)).status).toBe(200);

    const erased = await env.adminApi.request('DELETE', `/api/contacts/${contactId}`, { confirmName: ` ${name.toUpperCase()} ` });
    expect(erased.status, erased.text).toBe(200);
    expect(erased.body.erased).toMatchObject({ contacts: 2, identities: 2, conversations: 2 });

    for (const id of [contactId, mergedId]) expect((await env.agentApi.get(`/api/contacts/${id}`)).status).toBe(404);
    for (const id of conversationIds) expect((await env.agentApi.get(`/api/conversations/${id}`)).status).toBe(404);
    expect((await env.agentApi.get(`/api/contacts?q=${encodeURIComponent(name)}`)).body.contacts).toEqual([]);
    const list = await env.agentApi.get('/api/conversations');
    expect(JSON.stringify(list.body)).not.toContain(secret.instagram);

    // Every table of the database, every row: the customer's words are nowhere.
    const db = env.braid.ctx.store.kysely;
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['messages', 'deliveries', 'events', 'jobs', 'audit_events', 'merges']));
    for (const table of tables) {
      const rows = await db.selectFrom(table.name as never).selectAll().execute();
      const text = JSON.stringify(rows);
      for (const phrase of [secret.instagram, secret.whatsapp, name]) expect(text.includes(phrase), `${table.name} still holds “${phrase}”`).toBe(false);
    }

    const undo = await env.agentApi.post(`/api/merges/${mergeId}/undo`);
    expect(undo.status).toBe(409);
    expect(undo.body.error).toMatchObject({ code: 'merge_contact_erased', message: expect.stringMatching(/cannot be undone/) });

    const audit = await db.selectFrom('audit_events').selectAll().where('workspace_id', '=', env.workspace.id).where('action', '=', 'contact.erased').execute();
    expect(audit).toMatchObject([{ actor_id: env.admin.id, subject_id: contactId }]);

    // The same Instagram and WhatsApp accounts writing again are a new customer.
    await env.platform.sendInstagramText(customer.id, 'Back again');
    await env.platform.sendWhatsAppText(customer.id, 'Me too');
    await env.settle();
    const again = (await env.agentApi.get(`/api/contacts?q=${encodeURIComponent(name)}`)).body.contacts;
    expect(again.length).toBeGreaterThan(0);
    for (const contact of again) {
      expect([contactId, mergedId]).not.toContain(contact.id);
      const timeline = await env.agentApi.get(`/api/contacts/${contact.id}/timeline`);
      expect(timeline.body.messages.some((m: any) => m.text?.includes('secret'))).toBe(false);
    }
  });
});
