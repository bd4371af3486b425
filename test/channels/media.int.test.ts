import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePhoto } from '../../src/sandbox/meta/sampleMedia';
import { signedInWorkspace } from '../factories';
import { ApiClient } from '../http';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

/**
 * Received files: downloaded from the simulated Meta into Braid's own storage by a job, shown to
 * the workspace's agents only, and marked "not available" with the reason when Meta refuses.
 */

let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

async function threadOf(customerName: string) {
  const list = await env.agentApi.get('/api/conversations');
  const conversations = list.body.conversations.filter((c: { customer: { name: string } }) => c.customer.name === customerName);
  const messages = [];
  for (const c of conversations) messages.push(...(await env.agentApi.get(`/api/conversations/${c.id}/messages`)).body.messages);
  return messages as { id: string; type: string; text: string | null; media: { id: string; kind: string; state: string; url: string | null; failure: string | null; size: number | null; contentType: string | null }[] }[];
}

function pdfBytes(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
}

/** A WhatsApp message of the customer carrying a file the platform holds (like Meta's webhook). */
async function sendWhatsAppFile(customerId: string, type: 'document' | 'sticker', file: { bytes: Buffer; mimeType: string; filename?: string }) {
  const stored = env.platform.media.add('whatsapp', file, 7 * 24 * 3_600_000);
  const body = type === 'document' ? { mime_type: file.mimeType, sha256: stored.sha256, id: stored.id, filename: file.filename } : { mime_type: file.mimeType, sha256: stored.sha256, id: stored.id, animated: false };
  // The platform's own path for customer messages, with a body of the kind given.
  const platform = env.platform as unknown as { whatsappMessage(id: string, withPhone: boolean | undefined, content: Record<string, unknown>): Promise<{ wamid: string }> };
  await platform.whatsappMessage(customerId, undefined, { type, [type]: body });
  return stored;
}

describe('received media', () => {
  it('stores a WhatsApp photo and voice note and serves them from Braid after Meta’s URLs expire', async () => {
    const ana = await env.platform.createCustomer({ name: 'Ana Photo' });
    const photo = await env.platform.sendWhatsAppPhoto(ana.id, 'The broken hinge');
    const voice = await env.platform.sendWhatsAppVoiceNote(ana.id);
    await env.settle();
    env.platform.media.expireUrls();
    env.braid.clock.advance(8 * 24 * 3_600_000);

    const [image, audio] = await threadOf('Ana Photo');
    expect(image).toMatchObject({ type: 'image', media: [{ kind: 'image', state: 'stored', contentType: 'image/png' }] });
    expect(audio).toMatchObject({ type: 'audio', media: [{ kind: 'audio', state: 'stored', contentType: 'audio/ogg' }] });

    const served = await fetch(`${env.braid.url}${image.media[0].url}`, { headers: { cookie: env.agentApi.cookie } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-disposition')).toMatch(/^inline;/);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.equals(samplePhoto().bytes)).toBe(true);
    expect(photo.mediaId).toBeTruthy();

    const voiceServed = await env.agentApi.get(audio.media[0].url!);
    expect(voiceServed.status).toBe(200);
    expect(voiceServed.headers.get('content-type')).toBe('audio/ogg');
    expect(voice.mediaId).toBeTruthy();
  });

  it('stores an Instagram image from its CDN URL before it expires', async () => {
    const bo = await env.platform.createCustomer({ name: 'Bo Insta' });
    await env.platform.sendInstagramImage(bo.id);
    await env.settle();
    env.braid.clock.advance(4 * 24 * 3_600_000);
    const [message] = await threadOf('Bo Insta');
    expect(message.media[0]).toMatchObject({ kind: 'image', state: 'stored', contentType: 'image/png' });
    expect((await env.agentApi.get(message.media[0].url!)).status).toBe(200);
  });

  it('serves documents as downloads, only to signed-in agents of the workspace', async () => {
    const cy = await env.platform.createCustomer({ name: 'Cy Invoice' });
    await sendWhatsAppFile(cy.id, 'document', { bytes: pdfBytes(), mimeType: 'application/pdf', filename: 'invoice 7.pdf' });
    await env.settle();
    const [message] = await threadOf('Cy Invoice');
    expect(message.media[0]).toMatchObject({ kind: 'file', state: 'stored', contentType: 'application/pdf', size: pdfBytes().length });
    const url = message.media[0].url!;

    const served = await env.agentApi.get(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-disposition')).toBe(`attachment; filename="invoice 7.pdf"; filename*=UTF-8''invoice%207.pdf`);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');

    expect((await new ApiClient(env.braid.url).get(url)).status).toBe(401);
    const other = await signedInWorkspace(env.braid);
    const elsewhere = await other.agentApi.get(url);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('media_not_found');
  });

  it('refuses a file over Meta’s limit for its kind, saying so', async () => {
    const di = await env.platform.createCustomer({ name: 'Di Sticker' });
    await sendWhatsAppFile(di.id, 'sticker', { bytes: Buffer.alloc(600 * 1024, 1), mimeType: 'image/webp' });
    await env.settle();
    const [message] = await threadOf('Di Sticker');
    expect(message.media[0]).toMatchObject({ state: 'failed', url: null, failure: "the sticker is larger than Meta's limit of 500 KB for WhatsApp" });
    expect((await env.agentApi.get(`/api/media/${message.media[0].id}`)).body.error.code).toBe('media_not_available');
  });

  it('marks a download Meta refuses as not available with the reason, and a retry fetches it', async () => {
    const ed = await env.platform.createCustomer({ name: 'Ed Retry' });
    env.platform.media.failNextDownloads(1, 403);
    await env.platform.sendWhatsAppPhoto(ed.id);
    await env.settle();
    const [failed] = await threadOf('Ed Retry');
    expect(failed.media[0]).toMatchObject({ state: 'failed', failure: 'the file has expired on Meta, or was deleted' });

    const retry = await env.agentApi.post(`/api/media/${failed.media[0].id}/retry`);
    expect(retry.status).toBe(202);
    expect((await env.agentApi.post(`/api/media/${failed.media[0].id}/retry`)).body.error.code).toBe('media_not_failed');
    await env.settle();
    const [stored] = await threadOf('Ed Retry');
    expect(stored.media[0]).toMatchObject({ state: 'stored', failure: null });
    expect((await env.agentApi.post(`/api/media/${stored.media[0].id}/retry`)).status).toBe(409);
  });

  it('records a file that keeps failing on the job’s last attempt, with Meta’s answer', async () => {
    const fi = await env.platform.createCustomer({ name: 'Fi Down' });
    env.platform.media.failNextDownloads(20, 503);
    await env.platform.sendWhatsAppPhoto(fi.id);
    await env.settle();
    for (let i = 0; i < 6; i++) {
      env.braid.clock.advance(20 * 60_000);
      await env.settle();
    }
    env.platform.media.failNextDownloads(0, 503);
    const [message] = await threadOf('Fi Down');
    expect(message.media[0].state).toBe('failed');
    expect(message.media[0].failure).toMatch(/^Meta did not give the file: the file's URL answered HTTP 503/);
    // Drop what is left of the injected failures so later tests download normally.
    while (env.platform.media.takeDownloadFailure() !== undefined);
  });
});
