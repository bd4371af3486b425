import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInWorkspace } from '../../../test/factories';
import { startTestBraid, type TestBraid } from '../../../test/harness';
import { addCustomer } from '../../../test/mergeFixtures';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

const setUp = (options: { channels?: boolean } = {}) => signedInWorkspace(braid, options);

describe('merge suggestions', () => {
  it('same phone or email, or the same name on both channels; dismissable; never merged by themselves', async () => {
    const { agentApi, instagram, whatsapp } = await setUp();
    const ig = await addCustomer(braid.ctx, instagram, { username: 'maria.s', displayName: 'Maria Santos', phone: '+351 912 000 111' });
    const waSamePhone = await addCustomer(braid.ctx, whatsapp, { phone: '351912000111' });
    const waSameName = await addCustomer(braid.ctx, whatsapp, { name: 'Maria Santos', phone: '351960000222' });
    const stranger = await addCustomer(braid.ctx, whatsapp, { name: 'Someone Else', phone: '351960000333' });

    const listed = await agentApi.get(`/api/contacts/${ig.contact.id}/suggestions`);
    expect(listed.status).toBe(200);
    expect(listed.body.suggestions.map((s: any) => [s.contactId, s.reasons.map((r: any) => r.kind)])).toEqual([
      [waSamePhone.contact.id, ['same_phone']],
      [waSameName.contact.id, ['same_name']],
    ]);
    expect(listed.body.suggestions[0].reason).toBe('Same phone number +351912000111.');
    expect(listed.body.suggestions.map((s: any) => s.contactId)).not.toContain(stranger.contact.id);

    const dismissed = await agentApi.post(`/api/contacts/${ig.contact.id}/suggestions/dismiss`, { otherContactId: waSameName.contact.id });
    expect(dismissed.status).toBe(204);
    expect((await agentApi.get(`/api/contacts/${ig.contact.id}/suggestions`)).body.suggestions.map((s: any) => s.contactId)).toEqual([waSamePhone.contact.id]);
    expect((await agentApi.get(`/api/contacts/${waSameName.contact.id}/suggestions`)).body.suggestions.map((s: any) => s.contactId)).not.toContain(ig.contact.id);
    const view = await agentApi.get(`/api/contacts/${ig.contact.id}`);
    expect(view.body.identities.whatsapp).toEqual([]);

    const search = await agentApi.get('/api/contacts?q=maria');
    expect(search.body.contacts.map((c: any) => c.id).sort()).toEqual([waSameName.contact.id, ig.contact.id].sort());
    const byHandle = await agentApi.get('/api/contacts?q=maria.s');
    expect(byHandle.body.contacts.map((c: any) => c.id)).toEqual([ig.contact.id]);
  });
});
