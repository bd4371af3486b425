import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids';
import { createWorkspace, TEST_PASSWORD } from '../factories';
import { startTestBraid, type TestBraid } from '../harness';
import { ApiClient } from '../http';
import { addCustomer } from '../mergeFixtures';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

async function setUp(options: { channels?: boolean } = {}) {
  const ws = await createWorkspace(braid.ctx, options);
  const agentApi = new ApiClient(braid.url);
  await agentApi.signIn(ws.agent.email, TEST_PASSWORD);
  const adminApi = new ApiClient(braid.url);
  await adminApi.signIn(ws.admin.email, TEST_PASSWORD);
  return { ...ws, agentApi, adminApi };
}

describe('Merge Automation setting (allowAutoMerge)', () => {
  it('admins read and change it; the change is audited and published', async () => {
    const { agentApi, adminApi, instagram, whatsapp, workspace, admin } = await setUp();
    const list = await agentApi.get('/api/channels');
    expect(list.body.channels).toEqual([
      expect.objectContaining({ id: instagram.id, kind: 'instagram', settings: { allowAutoMerge: true }, webhookUrl: `${braid.url}/webhooks/instagram` }),
      expect.objectContaining({ id: whatsapp.id, kind: 'whatsapp', webhookUrl: `${braid.url}/webhooks/whatsapp` }),
    ]);
    expect((await agentApi.get(`/api/channels/${instagram.id}/settings`)).status).toBe(403);
    expect((await agentApi.patch(`/api/channels/${instagram.id}/settings`, { allowAutoMerge: false })).status).toBe(403);
    expect((await adminApi.patch(`/api/channels/${instagram.id}/settings`, {})).status).toBe(400);
    expect((await adminApi.patch(`/api/channels/${instagram.id}/settings`, { allowAutoMerge: 'no' })).status).toBe(400);
    expect((await adminApi.patch(`/api/channels/${newId()}/settings`, { allowAutoMerge: false })).status).toBe(404);

    const since = await braid.ctx.store.repos.events.latestId(workspace.id);
    const patched = await adminApi.patch(`/api/channels/${instagram.id}/settings`, { allowAutoMerge: false });
    expect(patched.body).toEqual({ channelId: instagram.id, kind: 'instagram', settings: { allowAutoMerge: false } });
    expect((await adminApi.get(`/api/channels/${instagram.id}/settings`)).body.settings).toEqual({ allowAutoMerge: false });
    const events = await braid.ctx.store.repos.events.since(workspace.id, since, 10);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['channel.settings_updated', { channelId: instagram.id, kind: 'instagram', settings: { allowAutoMerge: false }, changed: ['allowAutoMerge'], actorId: admin.id }],
    ]);
    const audit = await braid.ctx.store.kysely.selectFrom('audit_events').selectAll().where('subject_id', '=', instagram.id).execute();
    expect(audit.map((a) => [a.action, a.actor_id, JSON.parse(a.data).after])).toEqual([['channel.settings_updated', admin.id, { allowAutoMerge: false }]]);
  });
});

describe('WhatsApp invite refusals say why', () => {
  const invitesOf = (contactId: string) => braid.ctx.store.kysely.selectFrom('invites').selectAll().where('contact_id', '=', contactId).execute();

  it('not an Instagram conversation, window closed, already on WhatsApp', async () => {
    const { agentApi, instagram, whatsapp } = await setUp();
    const wa = await addCustomer(braid.ctx, whatsapp, { phone: '351922222222' });
    const onWa = await agentApi.post(`/api/conversations/${wa.conversation.id}/whatsapp-invite`);
    expect([onWa.status, onWa.body.error.code]).toEqual([409, 'invite_needs_instagram']);

    const quiet = await addCustomer(braid.ctx, instagram, { username: 'quiet', wroteAt: braid.clock.now() - 25 * 60 * 60 * 1000 });
    const closed = await agentApi.post(`/api/conversations/${quiet.conversation.id}/whatsapp-invite`);
    expect([closed.status, closed.body.error.code]).toEqual([409, 'reply_window_closed']);
    expect(closed.body.error.message).toContain('Instagram reply window closed');
    expect(await invitesOf(quiet.contact.id)).toEqual([]);

    const linked = await addCustomer(braid.ctx, instagram, { username: 'linked' });
    expect((await agentApi.post(`/api/contacts/${linked.contact.id}/merge`, { with: wa.contact.id })).status).toBe(200);
    const already = await agentApi.post(`/api/conversations/${linked.conversation.id}/whatsapp-invite`);
    expect([already.status, already.body.error.code]).toEqual([409, 'contact_has_whatsapp']);
    expect(already.body.error.message).toContain('already connected on WhatsApp');
    expect(await invitesOf(linked.contact.id)).toEqual([]);

    expect((await agentApi.post(`/api/conversations/${newId()}/whatsapp-invite`)).status).toBe(404);
  });

  it('no WhatsApp number configured for the workspace', async () => {
    const { agentApi, workspace } = await setUp({ channels: false });
    const instagram = await braid.ctx.store.repos.channels.create(
      { id: newId(), workspaceId: workspace.id, kind: 'instagram', name: 'Instagram', externalId: `ig-${newId()}` },
      braid.clock.now(),
    );
    const ig = await addCustomer(braid.ctx, instagram, { username: 'lonely' });
    const refused = await agentApi.post(`/api/conversations/${ig.conversation.id}/whatsapp-invite`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'whatsapp_not_configured']);
    expect(await invitesOf(ig.contact.id)).toEqual([]);
    const outbound = await braid.ctx.store.kysely.selectFrom('messages').select('id').where('conversation_id', '=', ig.conversation.id).where('direction', '=', 'outbound').execute();
    expect(outbound).toEqual([]);
  });

  it('stores only the code’s hash', async () => {
    const { agentApi, instagram } = await setUp();
    const ig = await addCustomer(braid.ctx, instagram, { username: 'hashme' });
    const sent = await agentApi.post(`/api/conversations/${ig.conversation.id}/whatsapp-invite`);
    expect(sent.status).toBe(201);
    const [invite] = await invitesOf(ig.contact.id);
    expect(invite.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(invite.expires_at - invite.created_at).toBe(24 * 60 * 60 * 1000);
    expect(JSON.stringify(invite)).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  });
});

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
