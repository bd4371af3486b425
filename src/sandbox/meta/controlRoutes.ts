import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MetaPlatform } from './platform';
import { viewMessage } from './threadView';

/**
 * JSON control API for the browser customer simulator and end-to-end tests: customers, their
 * threads, their actions, and the delivery/error switches. Bodies are checked with zod; bad input
 * answers 4xx `{"error":{"code","message"}}` (see the plugin's error handler).
 */

const channel = z.enum(['instagram', 'whatsapp']);
const newCustomer = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  igUsername: z.string().trim().regex(/^[a-z0-9._]{1,30}$/i, 'letters, digits, dots and underscores, at most 30').optional(),
  phone: z.union([z.string().regex(/^\+?[\d\s().-]{6,20}$/, 'use an international number like +351912345678'), z.null()]).optional(),
});
const text = z.object({ text: z.string().min(1).max(4096) });
const tap = z.object({ title: z.string().min(1).max(100), payload: z.string().max(1000) });
const account = z.string().min(1).max(64).optional();
const igText = text.extend({ account });
const waText = text.extend({ withPhone: z.boolean().optional(), account });
const waButton = z.object({ id: z.string().min(1), title: z.string().min(1), contextWamid: z.string().optional(), withPhone: z.boolean().optional() });
const deliveryPatch = z
  .object({
    batchSize: z.number().int().min(1).max(1000),
    duplicateRate: z.number().min(0).max(1),
    shuffle: z.boolean(),
    delayMs: z.number().int().min(0).max(60_000),
    maxAttempts: z.number().int().min(1).max(50),
    retryBaseMs: z.number().int().min(0).max(60_000),
    autoDeliver: z.boolean(),
    whatsappBatchShape: z.enum(['one-change', 'entry-per-item']),
    timeoutMs: z.number().int().min(1).max(60_000),
    instagramUnsubscribeAfter: z.number().int().min(0).max(1000),
    duplicateNext: z.number().int().min(0).max(1000),
  })
  .partial()
  .strict();
const injection = z.object({
  channel,
  count: z.number().int().min(1).max(1000).default(1),
  code: z.number().int(),
  httpStatus: z.number().int().min(400).max(599).optional(),
  message: z.string().optional(),
  asStatus: z.boolean().optional(),
});
const reaction = z.object({ externalId: z.string().min(1), emoji: z.string().min(1).max(16).nullable() });
const newPhone = z.object({ phone: z.string().regex(/^\+?[\d\s().-]{6,20}$/, 'use an international number like +351912345678') });
const HOUR = 3_600_000;
const advance = z
  .object({ hours: z.number().int().min(0).max(24 * 60).default(0), days: z.number().int().min(0).max(60).default(0) })
  .strict()
  .refine((a) => a.hours + a.days > 0, 'give a number of hours or days to advance by');
const openLink = z.object({ url: z.string().min(1).max(2000) });
const sendsQuery = z.object({ channel: channel.optional(), customerId: z.string().optional(), account: z.string().optional() });
type IdParams = { Params: { id: string } };

export async function registerControlRoutes(app: FastifyInstance, platform: MetaPlatform): Promise<void> {
  app.get('/api/customers', async () => ({ customers: await platform.listCustomers() }));
  app.post('/api/customers', async (req, reply) => reply.code(201).send({ customer: await platform.createCustomer(newCustomer.parse(req.body ?? {})) }));
  app.get<IdParams>('/api/customers/:id', async (req) => ({ customer: await platform.customer(req.params.id) }));
  app.get<IdParams>('/api/customers/:id/threads', async (req) => {
    const threads = await platform.threads(req.params.id);
    return {
      customer: await platform.customer(req.params.id),
      instagram: threads.instagram.map((m) => viewMessage(m)),
      whatsapp: threads.whatsapp.map((m) => viewMessage(m, platform.templates)),
    };
  });

  /** Which business account to write to: refused (400) unless the platform hosts it. */
  const hosted = (kind: 'instagram' | 'whatsapp', id: string | undefined): string | undefined => {
    if (id !== undefined && !platform.hostsAccount(kind, id)) {
      throw Object.assign(new Error(`no ${kind === 'instagram' ? 'Instagram account' : 'WhatsApp number'} ${id} on the simulated platform`), { statusCode: 400 });
    }
    return id;
  };
  app.get('/api/accounts', async () => platform.businessAccounts());
  app.post<IdParams>('/api/customers/:id/instagram/messages', async (req) => {
    const body = igText.parse(req.body);
    return platform.sendInstagramText(req.params.id, body.text, { account: hosted('instagram', body.account) });
  });
  app.post<IdParams>('/api/customers/:id/instagram/quick-replies', async (req) => {
    const { title, payload } = tap.parse(req.body);
    return platform.tapInstagramQuickReply(req.params.id, title, payload);
  });
  app.post<IdParams>('/api/customers/:id/instagram/postbacks', async (req) => {
    const { title, payload } = tap.parse(req.body);
    return platform.tapInstagramPostback(req.params.id, title, payload);
  });
  app.post<IdParams>('/api/customers/:id/instagram/reactions', async (req, reply) => {
    const body = reaction.parse(req.body);
    await platform.reactOnInstagram(req.params.id, body.externalId, body.emoji);
    return reply.code(204).send();
  });
  app.post<IdParams>('/api/customers/:id/instagram/seen', async (req) => platform.seeInstagram(req.params.id));

  app.post<IdParams>('/api/customers/:id/instagram/photos', async (req) => platform.sendInstagramImage(req.params.id));
  app.post<IdParams>('/api/customers/:id/whatsapp/photos', async (req) => {
    const body = z.object({ caption: z.string().max(1024).optional() }).parse(req.body ?? {});
    return platform.sendWhatsAppPhoto(req.params.id, body.caption);
  });
  app.post<IdParams>('/api/customers/:id/whatsapp/voice-notes', async (req) => platform.sendWhatsAppVoiceNote(req.params.id));
  // What the customer's phone shows: any file on the platform, by id (the phone is the customer's own device).
  app.get<IdParams>('/api/media/:id', async (req, reply) => {
    const file = platform.media.get(req.params.id);
    if (!file) return reply.code(404).send({ error: { code: 'media_not_found', message: `no file ${req.params.id} on the platform` } });
    return reply.type(file.mimeType).header('x-content-type-options', 'nosniff').send(file.bytes);
  });
  app.post('/api/media/expire-urls', async (_req, reply) => {
    platform.media.expireUrls();
    return reply.code(204).send();
  });

  app.post<IdParams>('/api/customers/:id/instagram/open-link', async (req) => platform.openIgMeLink(req.params.id, openLink.parse(req.body).url));
  app.post<IdParams>('/api/customers/:id/whatsapp/messages', async (req) => {
    const body = waText.parse(req.body);
    return platform.sendWhatsAppText(req.params.id, body.text, { withPhone: body.withPhone, account: hosted('whatsapp', body.account) });
  });
  app.post<IdParams>('/api/customers/:id/whatsapp/buttons', async (req) => {
    const body = waButton.parse(req.body);
    return platform.tapWhatsAppButton(req.params.id, { id: body.id, title: body.title }, body.contextWamid, { withPhone: body.withPhone });
  });
  app.post<IdParams>('/api/customers/:id/whatsapp/share-phone', async (req) => platform.shareWhatsAppPhone(req.params.id));
  app.post<IdParams>('/api/customers/:id/whatsapp/reactions', async (req) => {
    const body = reaction.parse(req.body);
    return platform.reactOnWhatsApp(req.params.id, body.externalId, body.emoji);
  });
  app.post<IdParams>('/api/customers/:id/whatsapp/change-number', async (req) => platform.changeWhatsAppNumber(req.params.id, newPhone.parse(req.body).phone));
  app.post<IdParams>('/api/customers/:id/whatsapp/change-user-id', async (req) => platform.changeWhatsAppUserId(req.params.id));
  app.post<IdParams>('/api/customers/:id/whatsapp/view', async (req) => platform.viewWhatsApp(req.params.id));

  app.get('/api/sends', async (req) => {
    const { account: from, ...filter } = sendsQuery.parse(req.query ?? {});
    const sends = (await platform.sends(filter)).filter((m) => from === undefined || platform.sendAccount(m.externalId) === from);
    return { sends: sends.map((m) => ({ ...viewMessage(m, platform.templates), account: platform.sendAccount(m.externalId) ?? null })) };
  });

  app.get('/api/delivery', async () => ({
    options: platform.delivery.getOptions(),
    pending: platform.delivery.pendingItems(),
    instagram: platform.delivery.instagramSubscription(),
    deliveries: platform.deliveries(),
  }));
  app.patch('/api/delivery', async (req) => {
    const { duplicateNext, ...options } = deliveryPatch.parse(req.body ?? {});
    if (duplicateNext) platform.duplicateNext(duplicateNext);
    return { options: platform.setDeliveryOptions(options) };
  });
  app.post('/api/instagram/resubscribe', async () => {
    platform.delivery.resubscribeInstagram();
    return platform.delivery.instagramSubscription();
  });
  app.post('/api/errors', async (req, reply) => {
    platform.failNextSends(injection.parse(req.body));
    return reply.code(204).send();
  });
  app.post('/api/latency', async (req) => {
    platform.setLatency(z.object({ ms: z.number().int().min(0).max(60_000) }).parse(req.body).ms);
    return { ms: platform.getLatency() };
  });
  app.get('/api/clock', async () => ({ now: platform.now() }));
  app.post('/api/clock/advance', async (req) => {
    const { hours, days } = advance.parse(req.body ?? {});
    return { now: platform.advanceTime((days * 24 + hours) * HOUR) };
  });
  app.post('/api/flush', async () => {
    await platform.flush();
    const all = platform.deliveries();
    return { delivered: all.filter((d) => d.state === 'delivered').length, gaveUp: all.filter((d) => d.state === 'gave_up').length };
  });
  app.post<{ Params: { channel: string } }>('/api/tokens/:channel/expire', async (req) => {
    platform.expireToken(channel.parse(req.params.channel));
    return { expired: true };
  });
  app.post<{ Params: { channel: string } }>('/api/tokens/:channel', async (req) => ({ token: platform.issueToken(channel.parse(req.params.channel)) }));
  app.post('/api/verify-webhook', async (req) => platform.verifyWebhook(z.object({ channel }).parse(req.body).channel));
}
