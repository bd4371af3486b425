import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePhoto } from '../../src/sandbox/meta/sampleMedia';
import { signedInWorkspace } from '../factories';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

/**
 * Files agents send: uploaded as JSON with base64 content, checked for type and size, kept in
 * Braid's storage; WhatsApp gets them uploaded and sent by media id, Instagram by a signed,
 * expiring link that Meta fetches.
 */

let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A customer who just wrote on the channel, and their conversation's id. */
async function conversationWith(name: string, channel: 'instagram' | 'whatsapp') {
  const customer = await env.platform.createCustomer({ name });
  if (channel === 'instagram') await env.platform.sendInstagramText(customer.id, 'Hi there');
  else await env.platform.sendWhatsAppText(customer.id, 'Hi there');
  await env.settle();
  const list = await env.agentApi.get('/api/conversations');
  const conversation = list.body.conversations.find((c: { customer: { name: string }; channel: string }) => c.customer.name === name && c.channel === channel);
  return { customer, conversationId: conversation.id as string };
}

function attach(conversationId: string, file: { filename: string; contentType: string; bytes: Buffer }, api = env.agentApi) {
  return api.post(`/api/conversations/${conversationId}/attachments`, { filename: file.filename, contentType: file.contentType, contentBase64: file.bytes.toString('base64') });
}

async function messagesOf(conversationId: string) {
  return (await env.agentApi.get(`/api/conversations/${conversationId}/messages`)).body.messages as {
    id: string; direction: string; status: string; type: string;
    media: { id: string; kind: string; state: string; url: string | null; filename: string | null; contentType: string | null; size: number | null }[];
  }[];
}

describe('the upload route', () => {
  it('refuses a type Meta does not take, a file over the limit, and bad base64, with 4xx and nothing kept', async () => {
    const { conversationId } = await conversationWith('Ada Upload', 'whatsapp');
    const exe = await attach(conversationId, { filename: 'tool.exe', contentType: 'application/x-msdownload', bytes: Buffer.from('MZ') });
    expect(exe.status).toBe(400);
    expect(exe.body.error).toMatchObject({ code: 'unsupported_attachment', message: expect.stringContaining('WhatsApp takes JPEG or PNG images, PDF documents and audio files') });

    // WhatsApp images stop at 5 MB.
    const big = await attach(conversationId, { filename: 'big.png', contentType: 'image/png', bytes: Buffer.alloc(5 * 1024 * 1024 + 1, 1) });
    expect(big.status).toBe(400);
    expect(big.body.error.message).toBe('WhatsApp takes images up to 5 MB; this file is 5 MB.');

    const junk = await env.agentApi.post(`/api/conversations/${conversationId}/attachments`, { filename: 'a.pdf', contentType: 'application/pdf', contentBase64: 'not base64!' });
    expect(junk.status).toBe(400);
    expect(junk.body.error.code).toBe('invalid_request');

    // A reply cannot smuggle a stored file of its own choosing.
    const smuggled = await env.agentApi.post(`/api/conversations/${conversationId}/messages`, {
      content: { kind: 'file', type: 'file', mediaFileId: 'x', filename: 'a.pdf', contentType: 'application/pdf' },
    });
    expect(smuggled.status).toBe(400);

    expect((await messagesOf(conversationId)).filter((m) => m.type === 'file')).toEqual([]);
  });

  it('answers 404 for another workspace’s conversation', async () => {
    const { conversationId } = await conversationWith('Bea Elsewhere', 'whatsapp');
    const other = await signedInWorkspace(env.braid);
    const elsewhere = await attach(conversationId, { filename: 'a.pdf', contentType: 'application/pdf', bytes: pdf }, other.agentApi);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('conversation_not_found');
    expect((await messagesOf(conversationId)).filter((m) => m.type === 'file')).toEqual([]);
  });
});

describe('WhatsApp', () => {
  it('uploads the file, then sends it by media id, as the platform received it', async () => {
    const { customer, conversationId } = await conversationWith('Cy Docs', 'whatsapp');
    const posted = await attach(conversationId, { filename: 'quote 12.pdf', contentType: 'application/pdf', bytes: pdf });
    expect(posted.status).toBe(201);
    expect(posted.body.message).toMatchObject({ direction: 'outbound', status: 'pending' });
    await env.settle();

    const sent = (await env.platform.sends({ channel: 'whatsapp', customerId: customer.id })).find((m) => (m.body as { type?: string }).type === 'document')!;
    const body = sent.body as { type: string; document: { id: string; filename: string; link?: string } };
    expect(body.type).toBe('document');
    expect(body.document.filename).toBe('quote 12.pdf');
    expect(body.document.link).toBeUndefined();
    const uploaded = env.platform.media.get(body.document.id);
    expect(uploaded?.bytes.equals(pdf)).toBe(true);
    expect(uploaded?.mimeType).toBe('application/pdf');

    const outbound = (await messagesOf(conversationId)).find((m) => m.type === 'file')!;
    expect(['sent', 'delivered']).toContain(outbound.status);
    expect(outbound).toMatchObject({ media: [{ kind: 'file', state: 'stored', filename: 'quote 12.pdf', contentType: 'application/pdf', size: pdf.length }] });
    const served = await env.agentApi.get(outbound.media[0].url!);
    expect(served.status).toBe(200);
  });
});

describe('Instagram', () => {
  it('sends a signed link the platform fetches; the link opens only unchanged and before it expires', async () => {
    const { customer, conversationId } = await conversationWith('Ed Gram', 'instagram');
    const photo = samplePhoto().bytes;
    expect((await attach(conversationId, { filename: 'hinge.png', contentType: 'image/png', bytes: photo })).status).toBe(201);
    await env.settle();

    const sent = (await env.platform.sends({ channel: 'instagram', customerId: customer.id })).find((m) => (m.body as { message?: { attachment?: unknown } }).message?.attachment)!;
    const url = (sent.body as { message: { attachment: { type: string; payload: { url: string } } } }).message.attachment.payload.url;
    expect((sent.body as { message: { attachment: { type: string } } }).message.attachment.type).toBe('image');
    expect(url.startsWith(`${env.braid.url}/media-links/`)).toBe(true);
    // The customer's phone shows the platform's own copy of what it fetched.
    const fetchedId = (sent.body as Record<string, unknown>).sandbox_fetched_media_id as string;
    expect(env.platform.media.get(fetchedId)?.bytes.equals(photo)).toBe(true);

    const outbound = (await messagesOf(conversationId)).find((m) => m.type === 'file')!;
    expect(['sent', 'delivered']).toContain(outbound.status);
    expect(outbound).toMatchObject({ media: [{ kind: 'image', state: 'stored' }] });

    // No session needed, and the bytes are the file's own.
    const valid = await fetch(url);
    expect(valid.status).toBe(200);
    expect(valid.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await valid.arrayBuffer()).equals(photo)).toBe(true);

    const link = new URL(url);
    const tamperedSignature = new URL(url);
    const signature = link.searchParams.get('signature')!;
    tamperedSignature.searchParams.set('signature', `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`);
    expect((await fetch(tamperedSignature)).status).toBe(403);

    const longer = new URL(url);
    longer.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 86_400_000));
    expect((await fetch(longer)).status).toBe(403);

    const otherFile = new URL(url);
    otherFile.pathname = `/media-links/${outbound.id}`;
    expect((await fetch(otherFile)).status).toBe(403);

    env.braid.clock.advance(61 * 60_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(404);
    expect((await expired.json()).error.code).toBe('media_link_expired');
  });

  it('fails the send like Meta does when the link cannot be fetched', async () => {
    const { conversationId } = await conversationWith('Fay Gone', 'instagram');
    expect((await attach(conversationId, { filename: 'a.pdf', contentType: 'application/pdf', bytes: pdf })).status).toBe(201);
    // The stored bytes vanish before Meta fetches them.
    const file = (await messagesOf(conversationId)).find((m) => m.type === 'file')!.media[0];
    const row = await env.braid.ctx.store.repos.mediaFiles.findById(file.id);
    await env.braid.ctx.media.delete(row!.storageKey!);
    await env.settle();
    const outbound = (await messagesOf(conversationId)).find((m) => m.type === 'file')!;
    expect(outbound.status).toBe('failed');
  });
});
