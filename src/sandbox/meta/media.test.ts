import { afterEach, describe, expect, it } from 'vitest';
import { WhatsAppGraphClient } from '../../channels/whatsapp/graphClient';
import { GraphApiError } from '../../channels/meta/graphApi';
import { startMetaPlatform } from './plugin';
import { testPlatformOptions } from './testOptions.testkit';

/** Media on the simulated platform: ids, short-lived URLs that need the token, uploads, expiring CDN URLs. */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  let now = Date.UTC(2026, 10, 27, 9, 0, 0);
  const meta = await startMetaPlatform(testPlatformOptions({ now: () => now, delivery: { autoDeliver: false } }));
  cleanups.push(() => meta.close());
  const wa = new WhatsAppGraphClient({ apiUrl: meta.graphUrl, phoneNumberId: '106540352242922', accessToken: 'wa-token' });
  return { meta, wa, advance: (ms: number) => (now += ms) };
}

describe('WhatsApp media on the simulated platform', () => {
  it('gives a media id whose 5-minute URL downloads only with the token', async () => {
    const { meta, wa, advance } = await setup();
    const ana = await meta.platform.createCustomer({ name: 'Ana' });
    const { mediaId } = await meta.platform.sendWhatsAppPhoto(ana.id, 'The broken part');
    const [sent] = await meta.platform.threads(ana.id).then((t) => t.whatsapp);
    expect(sent.body).toMatchObject({ type: 'image', image: { id: mediaId, caption: 'The broken part', mime_type: 'image/png' } });

    const info = await wa.getMedia(mediaId);
    expect(info).toMatchObject({ mimeType: 'image/png' });
    expect(info.fileSize).toBeGreaterThan(100);
    const file = await wa.downloadMedia(info.url, 5 * 1024 * 1024);
    expect(file.contentType).toBe('image/png');
    expect(Buffer.from(file.bytes).subarray(1, 4).toString()).toBe('PNG');

    expect((await fetch(info.url)).status).toBe(401);
    advance(5 * 60_000 + 1);
    await expect(wa.downloadMedia(info.url, 5 * 1024 * 1024)).rejects.toMatchObject({ httpStatus: 404 });
    // A fresh URL works again while the media id lives (7 days).
    expect((await wa.downloadMedia((await wa.getMedia(mediaId)).url, 5 * 1024 * 1024)).bytes.length).toBe(info.fileSize);
    advance(7 * 24 * 3_600_000);
    await expect(wa.getMedia(mediaId)).rejects.toBeInstanceOf(GraphApiError);
  });

  it('refuses a media id with another token', async () => {
    const { meta } = await setup();
    const ana = await meta.platform.createCustomer({ name: 'Ana' });
    const { mediaId } = await meta.platform.sendWhatsAppVoiceNote(ana.id);
    const other = new WhatsAppGraphClient({ apiUrl: meta.graphUrl, phoneNumberId: '106540352242922', accessToken: 'ig-token' });
    await expect(other.getMedia(mediaId)).rejects.toMatchObject({ code: 190, httpStatus: 401 });
  });

  it('stops a download over the caller’s limit', async () => {
    const { meta, wa } = await setup();
    const ana = await meta.platform.createCustomer({ name: 'Ana' });
    const { mediaId } = await meta.platform.sendWhatsAppPhoto(ana.id);
    await expect(wa.downloadMedia((await wa.getMedia(mediaId)).url, 100)).rejects.toThrow(/larger than 100 bytes/);
  });

  it('takes multipart uploads and refuses a type that does not match, or a file over the limit', async () => {
    const { meta, wa } = await setup();
    const pdf = new TextEncoder().encode('%PDF-1.4\n% a tiny document\n');
    const id = await wa.uploadMedia({ bytes: pdf, mimeType: 'application/pdf', filename: 'invoice.pdf' });
    expect(meta.platform.media.get(id)).toMatchObject({ mimeType: 'application/pdf', filename: 'invoice.pdf' });
    await expect(wa.uploadMedia({ bytes: pdf, mimeType: 'application/x-msdownload', filename: 'x.exe' })).rejects.toMatchObject({ code: 131053 });
    const bigSticker = new Uint8Array(500 * 1024 + 1);
    await expect(wa.uploadMedia({ bytes: bigSticker, mimeType: 'image/webp', filename: 'big.webp' })).rejects.toMatchObject({ code: 131053 });
  });

  it('sends by an uploaded id, and refuses an id it does not know', async () => {
    const { meta, wa } = await setup();
    const ana = await meta.platform.createCustomer({ name: 'Ana', phone: '+351912345678' });
    await meta.platform.sendWhatsAppText(ana.id, 'Hi');
    const id = await wa.uploadMedia({ bytes: new TextEncoder().encode('%PDF-1.4'), mimeType: 'application/pdf', filename: 'invoice.pdf' });
    await wa.sendMediaById({ phone: '+351912345678' }, 'document', id, { filename: 'invoice.pdf' });
    const threads = await (await fetch(`${meta.url}/api/customers/${ana.id}/threads`)).json();
    expect(threads.whatsapp.at(-1).media).toEqual({ id, kind: 'file', filename: 'invoice.pdf' });
    await expect(wa.sendMediaById({ phone: '+351912345678' }, 'image', '999')).rejects.toMatchObject({ code: 131009 });
  });
});

describe('Instagram attachments on the simulated platform', () => {
  it('carry a CDN URL that works without a token until it expires', async () => {
    const { meta, advance } = await setup();
    const ana = await meta.platform.createCustomer({ name: 'Ana' });
    await meta.platform.sendInstagramImage(ana.id);
    const [message] = (await meta.platform.threads(ana.id)).instagram;
    const url = (message.body as { message: { attachments: { payload: { url: string } }[] } }).message.attachments[0].payload.url;
    expect((await fetch(url)).headers.get('content-type')).toBe('image/png');
    advance(3 * 24 * 3_600_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toBe('URL signature expired');
  });

  it('end every URL at once through the control API, while media ids still give fresh ones', async () => {
    const { meta, wa } = await setup();
    const ana = await meta.platform.createCustomer({ name: 'Ana' });
    const { mediaId } = await meta.platform.sendWhatsAppPhoto(ana.id);
    const before = (await wa.getMedia(mediaId)).url;
    expect((await fetch(`${meta.url}/api/media/expire-urls`, { method: 'POST' })).status).toBe(204);
    await expect(wa.downloadMedia(before, 1e7)).rejects.toMatchObject({ httpStatus: 404 });
    expect((await wa.downloadMedia((await wa.getMedia(mediaId)).url, 1e7)).contentType).toBe('image/png');
  });
});
