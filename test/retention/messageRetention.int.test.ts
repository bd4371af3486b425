import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';
import { conversationOf } from '../merge/inviteFlow';

/**
 * "Delete messages older than": off by default; once on, the worker sweeps the workspace every
 * day on the controllable clock, keeps a conversation's newest message while an agent can still
 * reply there, and records each sweep in the audit trail.
 */
const DAY = 24 * 60 * 60 * 1000;
let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

async function texts(conversationId: string): Promise<string[]> {
  const thread = await env.agentApi.get(`/api/conversations/${conversationId}/messages?limit=200`);
  expect(thread.status).toBe(200);
  return thread.body.messages.filter((m: any) => m.direction !== 'system').map((m: any) => m.text);
}

/** The newest sweep recorded in the audit trail, if any. */
async function lastSweep() {
  const [newest] = await env.braid.ctx.store.repos.audit.latestFor([env.workspace.id], 'messages.retention_applied');
  return newest;
}

describe('message retention', () => {
  it('is off by default and refuses nonsense', async () => {
    const settings = await env.adminApi.get('/api/workspace/settings');
    expect(settings.body.settings.messageRetentionDays).toBeNull();
    for (const bad of [0, -3, 1.5, 100_000, '7']) {
      const refused = await env.adminApi.patch('/api/workspace/settings', { messageRetentionDays: bad });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await env.agentApi.patch('/api/workspace/settings', { messageRetentionDays: 7 })).status).toBe(403);
  });

  it('deletes old messages daily, keeps the newest one while an agent can reply, and records each sweep', async () => {
    const wa = await env.platform.createCustomer({ name: 'Mara Velho' });
    const ig = await env.platform.createCustomer({ name: 'Nuno Tavares', igUsername: 'nuno.tavares' });
    await env.platform.sendWhatsAppText(wa.id, 'retention-old-whatsapp');
    await env.platform.sendInstagramText(ig.id, 'retention-old-instagram');
    await env.settle();
    const waConversation = await conversationOf(env, 'whatsapp', 'Mara');
    const igConversation = await conversationOf(env, 'instagram', 'nuno.tavares');
    expect((await env.agentApi.post(`/api/conversations/${waConversation.id}/messages`, { text: 'retention-old-reply' })).status).toBe(201);
    await env.settle();
    env.braid.clock.advance(DAY / 2);
    await env.platform.sendInstagramText(ig.id, 'retention-instagram-last');
    await env.settle();

    // Nothing is deleted while the setting is off, however old.
    env.braid.clock.advance(3 * DAY);
    await env.settle();
    expect(await texts(waConversation.id)).toEqual(['retention-old-whatsapp', 'retention-old-reply']);
    expect(await lastSweep()).toBeUndefined();

    const on = await env.adminApi.patch('/api/workspace/settings', { messageRetentionDays: 2 });
    expect(on.status, on.text).toBe(200);
    expect(on.body.settings.messageRetentionDays).toBe(2);
    await env.settle();

    // WhatsApp's window closed long ago: all of it goes. On Instagram an agent may still reply
    // (human agent, 7 days), so the newest message stays; the older one goes.
    expect(await texts(waConversation.id)).toEqual([]);
    expect(await texts(igConversation.id)).toEqual(['retention-instagram-last']);
    const first = await lastSweep();
    expect(first).toMatchObject({ actorType: 'system', data: { days: 2, deleted: 3 } });
    const list = await env.agentApi.get('/api/conversations?channel=whatsapp&q=Mara');
    expect(JSON.stringify(list.body)).not.toContain('retention-old');

    // A new message is kept until it is old enough; the daily sweep comes back by itself.
    await env.platform.sendWhatsAppText(wa.id, 'retention-new-whatsapp');
    await env.settle();
    env.braid.clock.advance(DAY);
    await env.settle();
    expect(await texts(waConversation.id)).toEqual(['retention-new-whatsapp']);
    const second = await lastSweep();
    expect(second!.id).toBeGreaterThan(first!.id);
    expect(second).toMatchObject({ data: { deleted: 0 } });

    // Past the human-agent days the Instagram message goes too, and so does the WhatsApp one.
    env.braid.clock.advance(4 * DAY);
    await env.settle();
    expect(await texts(igConversation.id)).toEqual([]);
    expect(await texts(waConversation.id)).toEqual([]);

    // Turned off, the chain ends: later days delete nothing.
    expect((await env.adminApi.patch('/api/workspace/settings', { messageRetentionDays: null })).status).toBe(200);
    await env.platform.sendWhatsAppText(wa.id, 'retention-after-off');
    await env.settle();
    const before = await lastSweep();
    env.braid.clock.advance(10 * DAY);
    await env.settle();
    expect(await texts(waConversation.id)).toEqual(['retention-after-off']);
    expect((await lastSweep())!.id).toBe(before!.id);
  });

  it('deletes the files of the messages it deletes, from the database and the media folder', async () => {
    const media = env.braid.ctx.config.media;
    if (media.kind !== 'disk') throw new Error('this test scans the media folder');
    const customer = await env.platform.createCustomer({ name: 'Olga Foto' });
    await env.platform.sendWhatsAppPhoto(customer.id, 'retention-photo');
    await env.settle();
    const db = env.braid.ctx.store.kysely;
    const conversation = await conversationOf(env, 'whatsapp', 'Olga');
    const messageIds = (await db.selectFrom('messages').select('id').where('conversation_id', '=', conversation.id).execute()).map((m) => m.id);
    const [file] = await db.selectFrom('media_files').selectAll().where('message_id', 'in', messageIds).execute();
    expect(file).toMatchObject({ state: 'stored' });
    const onDisk = () => (fs.readdirSync(media.dir, { recursive: true }) as string[]).filter((entry) => entry.includes(file.id) && fs.statSync(path.join(media.dir, entry)).isFile());
    expect(onDisk().length).toBeGreaterThan(0);

    env.braid.clock.advance(3 * DAY);
    expect((await env.adminApi.patch('/api/workspace/settings', { messageRetentionDays: 2 })).status).toBe(200);
    await env.settle();
    expect(await texts(conversation.id)).toEqual([]);
    expect(await db.selectFrom('media_files').select('id').where('id', '=', file.id).execute()).toEqual([]);
    expect(await db.selectFrom('media_deletions').selectAll().execute()).toEqual([]);
    expect(onDisk()).toEqual([]);
    expect((await env.adminApi.patch('/api/workspace/settings', { messageRetentionDays: null })).status).toBe(200);
  });
});
