import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseInstagramWebhook } from '../../channels/instagram/webhook';
import { parseWhatsAppWebhook } from '../../channels/whatsapp/webhook';
import type { MessageEvent } from '../../channels/events';
import { MetaPlatform } from './platform';
import { APP_SECRET, testPlatformOptions } from './testOptions.testkit';
import { startWebhookReceiver } from './webhookReceiver.testkit';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(answer?: (nth: number) => number, random?: () => number) {
  const receiver = await startWebhookReceiver(APP_SECRET, answer);
  const platform = new MetaPlatform(testPlatformOptions({ webhookUrls: receiver.urls, random }));
  cleanups.push(() => receiver.close(), () => platform.close());
  return { receiver, platform };
}

/** Deterministic pseudo-random numbers, so shuffle tests are reproducible. */
function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('webhook delivery to the business', () => {
  it('POSTs Instagram messages signed over Meta-escaped bytes, with Meta headers', async () => {
    const { receiver, platform } = await setup();
    const ana = await platform.createCustomer({ name: 'Inês Souza', igUsername: 'ines.s' });
    const { mid } = await platform.sendInstagramText(ana.id, 'Olá 👋 https://x.y/z');
    await platform.flush();

    expect(receiver.received).toHaveLength(1);
    const hit = receiver.received[0];
    expect(hit.signatureValid).toBe(true);
    expect(hit.raw).toContain('Ol\\u00e1 \\ud83d\\udc4b https:\\/\\/x.y\\/z');
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['user-agent']).toBe('facebookexternalua');
    expect(hit.headers['x-hub-signature']).toMatch(/^sha1=[0-9a-f]{40}$/);
    expect(hit.path).toBe('/webhooks/instagram');

    const parsed = parseInstagramWebhook(hit.json);
    expect(parsed.ok && parsed.events).toMatchObject([
      { kind: 'message', externalId: mid, text: 'Olá 👋 https://x.y/z', customer: { igsid: ana.igsid }, direction: 'inbound' },
    ]);
    expect(mid.startsWith('aWdf')).toBe(true);
    expect(ana.igsid).toMatch(/^\d{16}$/);
    expect(typeof hit.json.entry[0].messaging[0].timestamp).toBe('number');
  });

  it('sends WhatsApp texts with phone and BSUID, or BSUID and username only', async () => {
    const { receiver, platform } = await setup();
    const withPhone = await platform.createCustomer({ name: 'Ana Souza', phone: '+351 912 345 678' });
    const hidden = await platform.createCustomer({ name: 'Bruno Costa', igUsername: 'bruno.c', phone: null });
    await platform.sendWhatsAppText(withPhone.id, 'Link my Instagram [ref:IGW-7K3Q9P]');
    await platform.sendWhatsAppText(hidden.id, 'hello');
    await platform.sendWhatsAppText(withPhone.id, 'no number this time', { withPhone: false });
    await platform.flush();

    const [a, b, c] = receiver.received.map((r) => r.json.entry[0].changes[0].value);
    expect(a.contacts[0]).toEqual({ profile: { name: 'Ana Souza' }, wa_id: '351912345678', user_id: withPhone.bsuid });
    expect(a.messages[0]).toMatchObject({ from: '351912345678', from_user_id: withPhone.bsuid, type: 'text' });
    expect(a.messages[0].timestamp).toMatch(/^\d{10}$/);
    expect(a.messages[0].id).toMatch(/^wamid\./);
    expect(b.messages[0].from).toBeUndefined();
    expect(b.contacts[0]).toEqual({ profile: { name: 'Bruno Costa', username: 'bruno.c' }, user_id: hidden.bsuid });
    expect(c.messages[0].from).toBeUndefined();
    expect(hidden.bsuid).toMatch(/^[A-Z]{2}\.\d+$/);

    const events = receiver.received.flatMap((r) => { const p = parseWhatsAppWebhook(r.json); return p.ok ? p.events : []; });
    expect(events.map((e) => e.customer)).toEqual([
      { bsuid: withPhone.bsuid, phone: '+351912345678', name: 'Ana Souza' },
      { bsuid: hidden.bsuid, name: 'Bruno Costa', username: 'bruno.c' },
      { bsuid: withPhone.bsuid, name: 'Ana Souza', username: withPhone.igUsername },
    ]);
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
  });

  it('batches several WhatsApp messages into one change, and Instagram ones into several entries', async () => {
    const { receiver, platform } = await setup();
    platform.setDeliveryOptions({ autoDeliver: false, batchSize: 3 });
    const c = await platform.createCustomer();
    for (let i = 1; i <= 5; i++) await platform.sendWhatsAppText(c.id, `wa ${i}`);
    for (let i = 1; i <= 4; i++) await platform.sendInstagramText(c.id, `ig ${i}`);
    expect(receiver.received).toHaveLength(0);
    await platform.flush();

    const wa = receiver.received.filter((r) => r.path.endsWith('whatsapp'));
    expect(wa.map((r) => r.json.entry[0].changes[0].value.messages.map((m: any) => m.text.body))).toEqual([['wa 1', 'wa 2', 'wa 3'], ['wa 4', 'wa 5']]);
    expect(wa[0].json.entry[0].changes[0].value.contacts).toHaveLength(1);
    const ig = receiver.received.filter((r) => r.path.endsWith('instagram'));
    expect(ig.map((r) => r.json.entry.length)).toEqual([3, 1]);
    const texts = ig.flatMap((r) => { const p = parseInstagramWebhook(r.json); return p.ok ? p.events : []; }).map((e) => (e as MessageEvent).text);
    expect(texts).toEqual(['ig 1', 'ig 2', 'ig 3', 'ig 4']);
  });

  it('can put each WhatsApp item in its own entry', async () => {
    const { receiver, platform } = await setup();
    platform.setDeliveryOptions({ autoDeliver: false, batchSize: 2, whatsappBatchShape: 'entry-per-item' });
    const c = await platform.createCustomer();
    await platform.sendWhatsAppText(c.id, 'one');
    await platform.sendWhatsAppText(c.id, 'two');
    await platform.flush();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].json.entry).toHaveLength(2);
  });

  it('delivers the same bytes twice when asked to duplicate', async () => {
    const { receiver, platform } = await setup();
    const c = await platform.createCustomer();
    platform.duplicateNext(1);
    await platform.sendWhatsAppText(c.id, 'twice');
    await platform.flush();
    await platform.sendWhatsAppText(c.id, 'once');
    await platform.flush();
    expect(receiver.received.map((r) => r.json.entry[0].changes[0].value.messages[0].text.body)).toEqual(['twice', 'twice', 'once']);
    expect(receiver.received[0].raw).toBe(receiver.received[1].raw);
    expect(platform.deliveries()[1].duplicateOf).toBe(platform.deliveries()[0].id);
  });

  it('duplicates by rate, and delivers on its own after delayMs, gathering what arrived meanwhile', async () => {
    const { receiver, platform } = await setup();
    platform.setDeliveryOptions({ duplicateRate: 1, delayMs: 40, batchSize: 10 });
    const c = await platform.createCustomer();
    await platform.sendWhatsAppText(c.id, 'a');
    await platform.sendWhatsAppText(c.id, 'b');
    await platform.sendWhatsAppText(c.id, 'c');
    expect(receiver.received).toHaveLength(0);
    // Nobody flushes: the platform's own timer delivers the batch and its duplicate.
    await vi.waitFor(() => expect(receiver.received).toHaveLength(2), { timeout: 5000, interval: 10 });
    expect(receiver.received[0].json.entry[0].changes[0].value.messages).toHaveLength(3);
    expect(receiver.received[1].raw).toBe(receiver.received[0].raw);
  });

  it('shuffles order within and across batches without losing anything', async () => {
    const { receiver, platform } = await setup(undefined, seeded(7));
    platform.setDeliveryOptions({ autoDeliver: false, batchSize: 4, shuffle: true });
    const c = await platform.createCustomer();
    const sent: string[] = [];
    for (let i = 0; i < 12; i++) sent.push((await platform.sendWhatsAppText(c.id, `m${i}`)).wamid);
    await platform.flush();
    const got = receiver.received.flatMap((r) => r.json.entry[0].changes[0].value.messages.map((m: any) => m.id));
    expect(got).not.toEqual(sent);
    expect([...got].sort()).toEqual([...sent].sort());
  });

  it('retries with growing delays after 500s until the receiver answers 200', async () => {
    const { receiver, platform } = await setup((nth) => (nth <= 2 ? 500 : 200));
    const c = await platform.createCustomer();
    await platform.sendInstagramText(c.id, 'persist me');
    await platform.flush();
    expect(receiver.received.map((r) => r.answeredWith)).toEqual([500, 500, 200]);
    expect(new Set(receiver.received.map((r) => r.raw)).size).toBe(1);
    // Each wait doubles the one before; the last attempt succeeded, so no wait follows it.
    const attempts = platform.deliveries()[0].attempts;
    expect(attempts.map((a) => [a.status, a.retryInMs])).toEqual([[500, 50], [500, 100], [200, undefined]]);
    expect(platform.deliveries()[0].state).toBe('delivered');
  });

  it('gives up after maxAttempts and records every attempt', async () => {
    const { receiver, platform } = await setup(() => 503);
    platform.setDeliveryOptions({ maxAttempts: 3, retryBaseMs: 5 });
    const c = await platform.createCustomer();
    await platform.sendWhatsAppText(c.id, 'lost');
    await platform.flush();
    expect(receiver.received).toHaveLength(3);
    expect(platform.deliveries()[0]).toMatchObject({ state: 'gave_up', attempts: [{ status: 503 }, { status: 503 }, { status: 503 }] });
  });

  it('unsubscribes Instagram after repeated give-ups, until resubscribed', async () => {
    let healthy = false;
    const { receiver, platform } = await setup(() => (healthy ? 200 : 500));
    platform.setDeliveryOptions({ maxAttempts: 1, instagramUnsubscribeAfter: 2 });
    const c = await platform.createCustomer();
    for (const text of ['one', 'two', 'three']) {
      await platform.sendInstagramText(c.id, text);
      await platform.flush();
    }
    expect(receiver.received).toHaveLength(2);
    expect(platform.delivery.instagramSubscription()).toEqual({ subscribed: false, droppedItems: 1 });
    // WhatsApp is not affected.
    healthy = true;
    await platform.sendWhatsAppText(c.id, 'still here');
    await platform.flush();
    expect(receiver.received).toHaveLength(3);
    platform.delivery.resubscribeInstagram();
    await platform.sendInstagramText(c.id, 'four');
    await platform.flush();
    expect(receiver.received.at(-1)?.raw).toContain('four');
  });

  it('counts an unreachable receiver as a failed attempt', async () => {
    const platform = new MetaPlatform(testPlatformOptions({ webhookUrls: { whatsapp: 'http://127.0.0.1:9/webhooks/whatsapp' }, delivery: { maxAttempts: 2, retryBaseMs: 1 } }));
    cleanups.push(() => platform.close());
    const c = await platform.createCustomer();
    await platform.sendWhatsAppText(c.id, 'anyone?');
    await platform.flush();
    expect(platform.deliveries()[0]).toMatchObject({ state: 'gave_up', attempts: [{ status: 0 }, { status: 0 }] });
  });

  it('performs the GET verification handshake', async () => {
    const { platform } = await setup();
    expect(await platform.verifyWebhook('whatsapp')).toEqual({ ok: true, status: 200 });
    expect(await platform.verifyWebhook('instagram', 'wrong')).toEqual({ ok: false, status: 403 });
  });
});
