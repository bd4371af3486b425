import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/shared/ids';
import { createWorkspace, signedInWorkspace } from '../../../test/factories';
import { startTestBraid, type TestBraid } from '../../../test/harness';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

const setUp = (options: { channels?: boolean } = {}) => signedInWorkspace(braid, options);

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
    const other = await createWorkspace(braid.ctx);
    expect((await adminApi.get(`/api/channels/${other.instagram.id}/settings`)).status).toBe(404);
    expect((await adminApi.patch(`/api/channels/${other.instagram.id}/settings`, { allowAutoMerge: false })).status).toBe(404);
    expect((await adminApi.get('/api/channels')).body.channels.map((c: { id: string }) => c.id)).not.toContain(other.instagram.id);

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
