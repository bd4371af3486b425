import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetaPlatform, type RunningMetaPlatform } from '../sandbox/meta';
import { testPlatformOptions } from '../sandbox/meta/testOptions.testkit';
import { InstagramGraphClient } from './instagram/graphClient';
import { GraphApiError } from './meta/graphApi';
import { WhatsAppGraphClient } from './whatsapp/graphClient';

/** The clients against the simulated platform over real HTTP on 127.0.0.1. */

const HOUR = 3_600_000;
let clock = Date.UTC(2026, 10, 27, 10);
let meta: RunningMetaPlatform;
let ig: InstagramGraphClient;
let wa: WhatsAppGraphClient;

beforeAll(async () => {
  meta = await startMetaPlatform(testPlatformOptions({ now: () => clock, delivery: { autoDeliver: false } }));
  ig = new InstagramGraphClient({ apiUrl: meta.graphUrl, accountId: '17841400000000001', accessToken: 'ig-token' });
  wa = new WhatsAppGraphClient({ apiUrl: meta.graphUrl, phoneNumberId: '106540352242922', accessToken: 'wa-token' });
});
afterAll(() => meta.close());

async function failure(promise: Promise<unknown>): Promise<GraphApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GraphApiError);
  return error as GraphApiError;
}

async function customerWhoWrote(channel: 'instagram' | 'whatsapp', phone?: string | null) {
  const c = await meta.platform.createCustomer({ phone });
  if (channel === 'instagram') await meta.platform.sendInstagramText(c.id, 'Hi');
  else await meta.platform.sendWhatsAppText(c.id, 'Hi');
  return c;
}

describe('InstagramGraphClient', () => {
  it('sends text, quick replies, a button template and attachments; the platform keeps the exact bodies', async () => {
    const c = await customerWhoWrote('instagram');
    const text = await ig.sendText(c.igsid, 'Hello 👋');
    expect(text).toEqual({ messageId: expect.stringMatching(/^aWdf/), recipientId: c.igsid });
    await ig.sendQuickReplies(c.igsid, 'Pick one', [{ title: 'Yes', payload: 'Y' }, { title: 'No', payload: 'N' }]);
    await ig.sendButtonTemplate(c.igsid, 'Continue on WhatsApp?', [{ type: 'web_url', title: 'Connect', url: 'https://wa.me/15550783881?text=hi' }]);
    await ig.sendAttachment(c.igsid, 'image', 'https://example.com/a.png');

    const sends = await meta.platform.sends({ customerId: c.id });
    expect(sends.map((s) => s.externalId)[0]).toBe(text.messageId);
    expect(sends.map((s) => s.body)).toEqual([
      { recipient: { id: c.igsid }, messaging_type: 'RESPONSE', message: { text: 'Hello 👋' } },
      { recipient: { id: c.igsid }, messaging_type: 'RESPONSE', message: { text: 'Pick one', quick_replies: [{ content_type: 'text', title: 'Yes', payload: 'Y' }, { content_type: 'text', title: 'No', payload: 'N' }] } },
      { recipient: { id: c.igsid }, messaging_type: 'RESPONSE', message: { attachment: { type: 'template', payload: { template_type: 'button', text: 'Continue on WhatsApp?', buttons: [{ type: 'web_url', title: 'Connect', url: 'https://wa.me/15550783881?text=hi' }] } } } },
      { recipient: { id: c.igsid }, messaging_type: 'RESPONSE', message: { attachment: { type: 'image', payload: { url: 'https://example.com/a.png' } } } },
    ]);
  });

  it('reads a profile', async () => {
    const c = await meta.platform.createCustomer({ name: 'Ana Souza', igUsername: 'ana.souza' });
    expect(await ig.getProfile(c.igsid)).toMatchObject({ name: 'Ana Souza', username: 'ana.souza' });
  });

  it('maps a wrong token to a permanent 190 OAuthException', async () => {
    const bad = new InstagramGraphClient({ apiUrl: meta.graphUrl, accountId: '17841400000000001', accessToken: 'nope' });
    const e = await failure(bad.sendText('1', 'x'));
    expect(e).toMatchObject({ httpStatus: 401, code: 190, type: 'OAuthException', transient: false });
    expect(e.fbtraceId).toBeTruthy();
  });

  it('rejects unknown recipients and over-long text with code 100', async () => {
    expect(await failure(ig.sendText('9999999999999999', 'x'))).toMatchObject({ httpStatus: 400, code: 100, transient: false });
    const c = await customerWhoWrote('instagram');
    expect(await failure(ig.sendText(c.igsid, 'é'.repeat(501)))).toMatchObject({ code: 100, message: expect.stringContaining('1000') });
  });

  it('refuses quick reply and button template limits locally, and the platform refuses them too', async () => {
    const c = await customerWhoWrote('instagram');
    const fourteen = Array.from({ length: 14 }, (_, i) => ({ title: `o${i}`, payload: `${i}` }));
    expect(await failure(ig.sendQuickReplies(c.igsid, 'x', fourteen))).toMatchObject({ code: 100, httpStatus: undefined });
    expect(await failure(ig.sendQuickReplies(c.igsid, 'x', [{ title: 'a title longer than twenty', payload: 'p' }]))).toMatchObject({ code: 100 });
    expect(await failure(ig.sendButtonTemplate(c.igsid, 'x', []))).toMatchObject({ code: 100 });
    expect(await failure(ig.sendButtonTemplate(c.igsid, 'x'.repeat(641), [{ type: 'postback', title: 'a', payload: 'b' }]))).toMatchObject({ code: 100 });

    const raw = (message: unknown) =>
      fetch(`${meta.graphUrl}/17841400000000001/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer ig-token', 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: { id: c.igsid }, message }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const button = (n: number, text = 'x') => ({ attachment: { type: 'template', payload: { template_type: 'button', text, buttons: Array.from({ length: n }, () => ({ type: 'postback', title: 't', payload: 'p' })) } } });
    for (const message of [{ text: 'x', quick_replies: fourteen.map((q) => ({ content_type: 'text', ...q })) }, button(0), button(4), button(1, 'y'.repeat(641))]) {
      const res = await raw(message);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 100, type: 'OAuthException', fbtrace_id: expect.any(String) });
    }
  });

  it('answers code 10 / 2534022 outside the 24-hour window, unless a human agent tag applies (7 days)', async () => {
    const c = await customerWhoWrote('instagram');
    clock += 25 * HOUR;
    try {
      const e = await failure(ig.sendText(c.igsid, 'late'));
      expect(e).toMatchObject({ httpStatus: 400, code: 10, subcode: 2534022, transient: false });
      expect(await ig.sendText(c.igsid, 'agent reply', { humanAgent: true })).toMatchObject({ recipientId: c.igsid });
      const never = await meta.platform.createCustomer();
      expect(await failure(ig.sendText(never.igsid, 'cold'))).toMatchObject({ code: 10 });
    } finally {
      clock -= 25 * HOUR;
    }
  });
});

describe('WhatsAppGraphClient', () => {
  it('sends by phone (to, with +) and by BSUID (recipient), answering like Meta', async () => {
    const c = await customerWhoWrote('whatsapp', '+351912345678');
    const byPhone = await wa.sendText({ phone: '351 912 345 678' }, 'Thanks!');
    expect(byPhone).toEqual({ messageId: expect.stringMatching(/^wamid\./), recipientId: '351912345678' });
    const byId = await wa.sendText({ bsuid: c.bsuid }, 'Thanks again');
    expect(byId.recipientId).toBe(c.bsuid);
    const bodies = (await meta.platform.sends({ customerId: c.id })).map((s) => s.body);
    expect(bodies[0]).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '+351912345678', type: 'text', text: { preview_url: false, body: 'Thanks!' } });
    expect(bodies[1]).toMatchObject({ recipient: c.bsuid, type: 'text' });
    expect(bodies[1]).not.toHaveProperty('to');
  });

  it('sends interactive buttons, CTA URL, contact request, media and templates; marks read', async () => {
    const c = await customerWhoWrote('whatsapp', null);
    const to = { bsuid: c.bsuid };
    await wa.sendInteractiveButtons(to, 'Merge?', [{ id: 'yes', title: 'Yes' }]);
    await wa.sendCtaUrl(to, 'Open', { displayText: 'Connect', url: 'https://example.com' });
    await wa.sendContactRequest(to, 'Share your number?');
    await wa.sendMedia(to, 'document', 'https://example.com/a.pdf', { caption: 'Invoice', filename: 'a.pdf' });
    await wa.sendTemplate(to, 'hello_world', 'en_US');
    const bodies = (await meta.platform.sends({ customerId: c.id })).map((s) => s.body as Record<string, any>);
    expect(bodies.map((b) => b.interactive?.type ?? b.type)).toEqual(['button', 'cta_url', 'contact_request', 'document', 'template']);
    expect(bodies[2].interactive).toEqual({ type: 'contact_request', body: { text: 'Share your number?' }, action: { name: 'request_contact_info' } });
    expect(bodies[3].document).toEqual({ link: 'https://example.com/a.pdf', caption: 'Invoice', filename: 'a.pdf' });
    expect(await failure(wa.sendInteractiveButtons(to, 'x', [1, 2, 3, 4].map((i) => ({ id: `${i}`, title: `${i}` }))))).toMatchObject({ code: 100 });

    const inbound = (await meta.platform.threads(c.id)).whatsapp[0];
    expect(await wa.markRead(inbound.externalId, { typing: true })).toBe(true);
    expect(await failure(wa.markRead('wamid.unknown'))).toMatchObject({ code: 100 });
  });

  it('refuses free-form messages outside 24 hours with 131047 but lets templates through', async () => {
    const c = await customerWhoWrote('whatsapp', '+351900000001');
    clock += 25 * HOUR;
    try {
      const e = await failure(wa.sendText({ phone: '+351900000001' }, 'late'));
      expect(e).toMatchObject({ httpStatus: 400, code: 131047, transient: false, details: expect.stringContaining('24 hours') });
      await expect(wa.sendTemplate({ phone: '+351900000001' }, 'hello_world', 'en_US')).resolves.toMatchObject({ messageId: expect.any(String) });
    } finally {
      clock -= 25 * HOUR;
    }
    expect(c.phone).toBe('+351900000001');
  });

  it('classifies errors: unknown recipient and bad token are permanent; 5xx, 429 and throttling are transient', async () => {
    expect(await failure(wa.sendText({ phone: '+10000000000' }, 'x'))).toMatchObject({ code: 131026, transient: false });
    const badToken = new WhatsAppGraphClient({ apiUrl: meta.graphUrl, phoneNumberId: '106540352242922', accessToken: 'ig-token' });
    expect(await failure(badToken.sendText({ phone: '+1' }, 'x'))).toMatchObject({ code: 190, httpStatus: 401, transient: false });

    const c = await customerWhoWrote('whatsapp');
    meta.platform.failNextSends({ channel: 'whatsapp', count: 1, code: 2, httpStatus: 500 });
    meta.platform.failNextSends({ channel: 'whatsapp', count: 1, code: 130429 });
    // Sent as a 400 so that only the code can make it transient.
    meta.platform.failNextSends({ channel: 'whatsapp', count: 1, code: 131056, httpStatus: 400 });
    meta.platform.failNextSends({ channel: 'whatsapp', count: 1, code: 131026 });
    expect(await failure(wa.sendText({ bsuid: c.bsuid }, 'a'))).toMatchObject({ httpStatus: 500, code: 2, transient: true });
    expect(await failure(wa.sendText({ bsuid: c.bsuid }, 'b'))).toMatchObject({ httpStatus: 429, code: 130429, transient: true });
    expect(await failure(wa.sendText({ bsuid: c.bsuid }, 'c'))).toMatchObject({ httpStatus: 400, code: 131056, transient: true });
    expect(await failure(wa.sendText({ bsuid: c.bsuid }, 'd'))).toMatchObject({ code: 131026, transient: false });
    await expect(wa.sendText({ bsuid: c.bsuid }, 'e')).resolves.toMatchObject({ messageId: expect.any(String) });
  });

  it('treats timeouts and unreachable hosts as transient', async () => {
    const c = await customerWhoWrote('whatsapp');
    meta.platform.setLatency(300);
    try {
      const slow = new WhatsAppGraphClient({ apiUrl: meta.graphUrl, phoneNumberId: '106540352242922', accessToken: 'wa-token', timeoutMs: 50 });
      const e = await failure(slow.sendText({ bsuid: c.bsuid }, 'x'));
      expect(e).toMatchObject({ transient: true, httpStatus: undefined });
      expect(e.message).toMatch(/in time/);
    } finally {
      meta.platform.setLatency(0);
    }
    const nowhere = new WhatsAppGraphClient({ apiUrl: 'http://127.0.0.1:9/v25.0', phoneNumberId: '1', accessToken: 't' });
    expect(await failure(nowhere.sendText({ phone: '+1' }, 'x'))).toMatchObject({ transient: true });
  });

  it('uses an injected fetch', async () => {
    const calls: string[] = [];
    const client = new WhatsAppGraphClient({
      apiUrl: 'https://graph.example/v25.0/',
      phoneNumberId: '42',
      accessToken: 't',
      fetch: async (url, init) => {
        calls.push(`${init?.method} ${url} ${(init?.headers as Record<string, string>).authorization}`);
        return new Response(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: '+1', wa_id: '1' }], messages: [{ id: 'wamid.X' }] }), { status: 200 });
      },
    });
    expect(await client.sendText({ phone: '+1' }, 'hi')).toEqual({ messageId: 'wamid.X', recipientId: '1' });
    expect(calls).toEqual(['POST https://graph.example/v25.0/42/messages Bearer t']);
  });
});
