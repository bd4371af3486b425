import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/shared/ids';
import { samplePhoto } from '../../sandbox/meta/sampleMedia';
import { startBraidWithPlatform, type BraidWithPlatform } from '../../../test/withPlatform';

/**
 * The customer's media files in Download data (a zip of the JSON and the files) and in Delete
 * customer data (rows in the erasure's transaction, the bytes by a job that resumes).
 */

let env: BraidWithPlatform;
let mediaDir: string;
beforeAll(async () => {
  env = await startBraidWithPlatform();
  const media = env.braid.ctx.config.media;
  if (media.kind !== 'disk') throw new Error('these tests scan the media folder');
  mediaDir = media.dir;
});
afterAll(async () => {
  await env?.close();
});

/** A customer who sent a photo on WhatsApp and one on Instagram, merged into one contact; the files are stored. */
async function customerWithPhotos(name: string) {
  const customer = await env.platform.createCustomer({ name, phone: `+3519${Math.floor(10_000_000 + Math.random() * 89_999_999)}` });
  await env.platform.sendWhatsAppPhoto(customer.id, `Broken hinge ${newId()}`);
  await env.platform.sendInstagramImage(customer.id);
  await env.settle();
  const found = (await env.agentApi.get(`/api/contacts?q=${encodeURIComponent(name)}`)).body.contacts;
  const ig = found.find((c: any) => c.identities.some((i: any) => i.kind === 'instagram'));
  const wa = found.find((c: any) => c.identities.some((i: any) => i.kind === 'whatsapp'));
  expect(ig && wa, JSON.stringify(found)).toBeTruthy();
  let contactId = ig.id;
  if (ig.id !== wa.id) {
    const merged = await env.agentApi.post(`/api/contacts/${ig.id}/merge`, { with: wa.id, confirm: true });
    expect(merged.status, merged.text).toBe(200);
    contactId = merged.body.survivorId;
  }
  const db = env.braid.ctx.store.kysely;
  const files = await db
    .selectFrom('media_files')
    .innerJoin('messages', 'messages.id', 'media_files.message_id')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .innerJoin('identities', 'identities.id', 'conversations.identity_id')
    .select(['media_files.id', 'media_files.state', 'media_files.storage_key'])
    .where('identities.contact_id', '=', contactId)
    .execute();
  expect(files.map((f) => f.state)).toEqual(['stored', 'stored']);
  return { name, contactId, fileIds: files.map((f) => f.id) };
}

/** Every file under the media folder, as paths relative to it. */
function filesInMediaFolder(): string[] {
  return (fs.readdirSync(mediaDir, { recursive: true }) as string[]).filter((entry) => fs.statSync(path.join(mediaDir, entry)).isFile());
}

function filesOf(fileIds: string[]): string[] {
  return filesInMediaFolder().filter((entry) => fileIds.some((id) => entry.includes(id)));
}

async function erase(contactId: string, name: string) {
  const erased = await env.adminApi.request('DELETE', `/api/contacts/${contactId}`, { confirmName: name });
  expect(erased.status, erased.text).toBe(200);
  expect(erased.body.erased).toMatchObject({ mediaFiles: 2 });
}

async function rowsLeft(fileIds: string[]) {
  const db = env.braid.ctx.store.kysely;
  const files = await db.selectFrom('media_files').select('id').where('id', 'in', fileIds).execute();
  const queued = await db.selectFrom('media_deletions').select('storage_key').execute();
  return { files: files.length, queued: queued.filter((q) => fileIds.some((id) => q.storage_key.includes(id))).length };
}

describe('download data with media', () => {
  it('gives one zip holding the JSON and the bytes of every received file, each at the path the JSON names', async () => {
    const { contactId, fileIds } = await customerWithPhotos(`Zip Person ${newId().slice(-6)}`);
    const response = await fetch(`${env.braid.url}/api/contacts/${contactId}/export`, { headers: { cookie: env.adminApi.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="contact-${contactId}.zip"`);
    const zip = unzipSync(new Uint8Array(await response.arrayBuffer()));

    const data = JSON.parse(strFromU8(zip[`contact-${contactId}.json`]));
    expect(data).toMatchObject({ format: 'braid.contact-export', version: 2, contact: { id: contactId }, media: { included: true } });
    expect(data.media.files.map((f: any) => f.id).sort()).toEqual([...fileIds].sort());
    const messageIds = new Set(data.messages.map((m: any) => m.id));
    for (const file of data.media.files) {
      expect(file).toMatchObject({ kind: 'image', state: 'stored', contentType: 'image/png', path: `media/${file.id}.png` });
      expect(messageIds.has(file.messageId)).toBe(true);
      expect(Buffer.from(zip[file.path]).equals(samplePhoto().bytes), file.path).toBe(true);
    }
    expect(Object.keys(zip).sort()).toEqual([`contact-${contactId}.json`, ...data.media.files.map((f: any) => f.path)].sort());

    // The JSON alone still lists the files, without paths: their bytes are not in it.
    const json = await env.adminApi.get(`/api/contacts/${contactId}/export?format=json`);
    expect(json.body.media).toMatchObject({ included: false, files: [{ path: null }, { path: null }] });
  });
});

describe('delete customer data with media', () => {
  it('deletes the file rows with the erasure and the files by the worker, leaving none in the media folder', async () => {
    const { name, contactId, fileIds } = await customerWithPhotos(`Erase Media ${newId().slice(-6)}`);
    expect(filesOf(fileIds).length).toBeGreaterThanOrEqual(2);

    await erase(contactId, name);
    // Committed, the worker not run yet: no row says what the files were, their keys wait.
    expect(await rowsLeft(fileIds)).toEqual({ files: 0, queued: 2 });

    await env.settle();
    expect(filesOf(fileIds)).toEqual([]);
    expect(await rowsLeft(fileIds)).toEqual({ files: 0, queued: 0 });
  });

  it('finishes on a later worker run when the worker removing the files died halfway', async () => {
    const { name, contactId, fileIds } = await customerWithPhotos(`Erase Killed ${newId().slice(-6)}`);
    await erase(contactId, name);

    // A worker claims the job, removes one file's bytes, and dies before finishing.
    const { ctx } = env.braid;
    const claimed = await ctx.store.transaction((repos) => repos.jobs.claimDue('worker-that-dies', ctx.clock.now(), 60_000, 10));
    expect(claimed.map((j) => j.kind)).toContain('media.purge');
    const [first] = await ctx.store.repos.mediaFiles.pendingDeletions(1);
    await ctx.media.delete(first);

    await env.settle();
    expect(filesOf(fileIds).length).toBeGreaterThan(0);

    // Its lease runs out: the next run takes the job over and removes what is left.
    env.braid.clock.advance(61_000);
    await env.settle();
    expect(filesOf(fileIds)).toEqual([]);
    expect(await rowsLeft(fileIds)).toEqual({ files: 0, queued: 0 });
  });
});
