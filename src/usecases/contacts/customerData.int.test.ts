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
    const response = await env.adminApi.get(`/api/contacts/${contactId}/export`);
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="contact-${contactId}.json"`);
    const data = response.body;
    expect(data).toMatchObject({ format: 'braid.contact-export', version: 1, contact: { id: contactId, mergedIntoId: null } });
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
    expect((await env.adminApi.get(`/api/contacts/${mergedId}/export`)).body.contact.id).toBe(contactId);
    const history = await env.agentApi.get(`/api/contacts/${contactId}/history`);
    expect(history.body.events.filter((e: any) => e.action === 'contact.exported')).toHaveLength(2);
    expect(history.body.events[0]).toMatchObject({ action: 'contact.exported', actorId: env.admin.id });
  });

  it('is for admins only, and only for the workspace’s own contacts', async () => {
    const { contactId } = await mergedCustomer(`Export Guarded ${newId().slice(-6)}`);
    const agent = await env.agentApi.get(`/api/contacts/${contactId}/export`);
    expect(agent.status).toBe(403);
    const other = await signedInWorkspace(env.braid);
    expect((await other.adminApi.get(`/api/contacts/${contactId}/export`)).status).toBe(404);
    const history = await env.agentApi.get(`/api/contacts/${contactId}/history`);
    expect(history.body.events.some((e: any) => e.action === 'contact.exported')).toBe(false);
  });
});
