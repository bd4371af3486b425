import { handleInstagramSend, handleWhatsAppSend, SendFaults, type SendContext } from './graphSends';
import { expiredToken, graphError, injectedError, invalidToken, unknownObject } from './graphErrors';
import { newBsuid, newId, newIgsid, newInstagramMid, newWamid, randomName, randomPhone, usernameFor } from './ids';
import {
  buildInstagramBatch,
  buildWhatsAppBatch,
  digitsOf,
  whatsappContact,
  whatsappSender,
  whatsappSeconds,
  whatsappStatus,
  type InstagramQueueItem,
  type WhatsAppQueueItem,
} from './payloads';
import {
  acceptWhatsAppUpload,
  checkWhatsAppMediaId,
  INSTAGRAM_CDN_TTL_MS,
  PlatformMedia,
  WHATSAPP_WEBHOOK_MEDIA_TTL_MS,
  type WhatsAppUpload,
} from './media';
import { samplePhoto, sampleVoiceNote } from './sampleMedia';
import { InMemoryPlatformState, type PlatformState, type SandboxChannel, type SandboxCustomer, type SandboxMessage } from './state';
import { defaultTemplates, templatePage, type SandboxTemplate } from './templates';
import { WebhookDelivery, type DeliveryOptions, type WebhookDeliveryRecord } from './webhookDelivery';

/**
 * The simulated Meta platform: customers who use Instagram and WhatsApp, the Graph send API the
 * business calls, and webhooks delivered to the business like Meta delivers them. It talks to
 * Braid over HTTP only, and imports nothing from Braid.
 */

export interface MetaPlatformOptions {
  appSecret: string;
  /** Instagram Login apps may sign with the Instagram app secret; defaults to appSecret. */
  instagramAppSecret?: string;
  verifyToken: string;
  webhookUrls?: { instagram?: string; whatsapp?: string };
  instagramAccountId: string;
  whatsappPhoneNumberId: string;
  whatsappBusinessAccountId: string;
  /** Digits only, like Meta's `display_phone_number`. */
  whatsappDisplayPhoneNumber: string;
  instagramAccessToken: string;
  whatsappAccessToken: string;
  state?: PlatformState;
  now?: () => number;
  /**
   * Moves the clock `now` reads (the sandbox shares Braid's). Without it the platform keeps its own
   * offset on top of `now`.
   */
  advanceTime?: (ms: number) => void;
  delivery?: Partial<DeliveryOptions>;
  random?: () => number;
  /** Used for webhook POSTs; defaults to the global fetch. */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** The other business accounts hosted; default SECOND_INSTAGRAM_ACCOUNT and SECOND_WHATSAPP_NUMBER. */
  secondInstagram?: SandboxInstagramAccount;
  secondWhatsApp?: SandboxWhatsAppNumber;
}

/** Which business account a customer writes to: its Instagram account id or phone number id (default: the configured one). */
export interface ToAccount {
  account?: string;
}

/** A business Instagram account the platform hosts besides the configured one. */
export interface SandboxInstagramAccount {
  accountId: string;
  username: string;
  name: string;
  accessToken: string;
  appSecret: string;
}

/** A business WhatsApp number the platform hosts besides the configured one. */
export interface SandboxWhatsAppNumber {
  phoneNumberId: string;
  businessAccountId: string;
  /** Digits only, like Meta's `display_phone_number`. */
  displayPhoneNumber: string;
  verifiedName: string;
  accessToken: string;
  appSecret: string;
}

/**
 * The second business on the platform (a shop's other brand): its own ids, names, tokens and app
 * secrets, so an admin can connect it in Settings → Channels and see each account keep its own.
 */
export const SECOND_INSTAGRAM_ACCOUNT: SandboxInstagramAccount = {
  accountId: '17841400000000222',
  username: 'braid.outlet',
  name: 'Braid Outlet',
  accessToken: 'sandbox-outlet-instagram-token',
  appSecret: 'sandbox-outlet-instagram-app-secret',
};
export const SECOND_WHATSAPP_NUMBER: SandboxWhatsAppNumber = {
  phoneNumberId: '106540352200222',
  businessAccountId: '102290129300222',
  displayPhoneNumber: '15550002222',
  verifiedName: 'Braid Outlet',
  accessToken: 'sandbox-outlet-whatsapp-token',
  appSecret: 'sandbox-outlet-whatsapp-app-secret',
};

export interface NewCustomer {
  name?: string;
  igUsername?: string;
  /** E.164; null = a WhatsApp username user whose number Meta never shares. Default: a random number. */
  phone?: string | null;
}

export interface ErrorInjection {
  channel: SandboxChannel;
  count: number;
  code: number;
  httpStatus?: number;
  message?: string;
  asStatus?: boolean;
}

export class MetaPlatform {
  readonly state: PlatformState;
  readonly delivery: WebhookDelivery;
  readonly now: () => number;
  private webhookUrls: { instagram?: string; whatsapp?: string };
  private readonly faults = new SendFaults();
  private answerHold: { released: Promise<void>; release: () => void } | undefined;
  private timeOffset = 0;
  /** The business's WhatsApp message templates; a test may add more (paging) with addTemplates. */
  readonly templates: SandboxTemplate[] = defaultTemplates();
  /** Tokens Meta no longer accepts (expired, revoked); the business must get a new one. */
  private readonly expiredTokens = new Set<string>();
  /** The token each business account (Instagram account id / phone number id) accepts now. */
  private readonly tokens = new Map<string, string>();
  readonly instagramAccounts: SandboxInstagramAccount[];
  readonly whatsappNumbers: SandboxWhatsAppNumber[];
  /** Which business account each accepted send went out from (kept in memory only). */
  private readonly sendAccounts = new Map<string, string>();
  /** Files customers send and files the business uploads or links (see media.ts). */
  readonly media: PlatformMedia;
  /** An ig.me ref waiting for the customer's first Instagram message (customer id → ref). */
  private readonly pendingReferrals = new Map<string, string>();

  constructor(readonly options: MetaPlatformOptions) {
    this.state = options.state ?? new InMemoryPlatformState();
    const base = options.now ?? Date.now;
    this.now = options.advanceTime ? base : () => base() + this.timeOffset;
    this.webhookUrls = { ...options.webhookUrls };
    this.media = new PlatformMedia(options.appSecret, this.now);
    this.instagramAccounts = [
      {
        accountId: options.instagramAccountId, username: 'braid.sandbox', name: 'Braid Sandbox',
        accessToken: options.instagramAccessToken, appSecret: options.instagramAppSecret ?? options.appSecret,
      },
      options.secondInstagram ?? SECOND_INSTAGRAM_ACCOUNT,
    ];
    this.whatsappNumbers = [
      {
        phoneNumberId: options.whatsappPhoneNumberId, businessAccountId: options.whatsappBusinessAccountId,
        displayPhoneNumber: options.whatsappDisplayPhoneNumber, verifiedName: 'Braid Sandbox',
        accessToken: options.whatsappAccessToken, appSecret: options.appSecret,
      },
      options.secondWhatsApp ?? SECOND_WHATSAPP_NUMBER,
    ];
    for (const a of this.instagramAccounts) this.tokens.set(a.accountId, a.accessToken);
    for (const n of this.whatsappNumbers) this.tokens.set(n.phoneNumberId, n.accessToken);
    this.delivery = new WebhookDelivery({
      url: (channel) => this.webhookUrls[channel],
      // Each account's webhooks are batched apart and signed with that account's own app secret.
      accountOf: (channel, item) =>
        channel === 'instagram' ? (item as InstagramQueueItem).accountId : (item as WhatsAppQueueItem).phoneNumberId ?? options.whatsappPhoneNumberId,
      secret: (channel, account) =>
        channel === 'instagram' ? this.instagramAccount(account).appSecret : this.hostedWhatsAppNumber(account).appSecret,
      build: (channel, items, shape, account) =>
        channel === 'instagram'
          ? buildInstagramBatch(items as InstagramQueueItem[])
          : buildWhatsAppBatch(this.hostedWhatsAppNumber(account), items as WhatsAppQueueItem[], shape),
      now: this.now,
      random: options.random,
      fetch: options.fetch,
    });
    if (options.delivery) this.delivery.setOptions(options.delivery);
  }

  /** The hosted Instagram account with this id ('me' or none: the configured one). */
  instagramAccount(id?: string): SandboxInstagramAccount {
    return this.instagramAccounts.find((a) => a.accountId === id) ?? this.instagramAccounts[0];
  }

  /** The hosted WhatsApp number with this phone number id (none: the configured one). */
  hostedWhatsAppNumber(phoneNumberId?: string): SandboxWhatsAppNumber {
    return this.whatsappNumbers.find((n) => n.phoneNumberId === phoneNumberId) ?? this.whatsappNumbers[0];
  }

  /** Whether `id` names one of the hosted business accounts of the channel. */
  hostsAccount(channel: SandboxChannel, id: string): boolean {
    return channel === 'instagram' ? this.instagramAccounts.some((a) => a.accountId === id) : this.whatsappNumbers.some((n) => n.phoneNumberId === id);
  }

  /** The Instagram account a token belongs to (how `/me` knows whose it is). */
  instagramAccountByToken(token: string | undefined): SandboxInstagramAccount | undefined {
    return this.instagramAccounts.find((a) => token !== undefined && (this.tokens.get(a.accountId) === token));
  }

  /**
   * The business accounts hosted, with the token each accepts now and its app secret: what an
   * admin copies from Meta's dashboard into Settings → Channels.
   */
  businessAccounts(): { instagram: SandboxInstagramAccount[]; whatsapp: SandboxWhatsAppNumber[] } {
    return {
      instagram: this.instagramAccounts.map((a) => ({ ...a, accessToken: this.tokens.get(a.accountId)! })),
      whatsapp: this.whatsappNumbers.map((n) => ({ ...n, accessToken: this.tokens.get(n.phoneNumberId)! })),
    };
  }

  /** The business account a send went out from, or undefined for one sent before a restart. */
  sendAccount(externalId: string): string | undefined {
    return this.sendAccounts.get(externalId);
  }

  setWebhookUrls(urls: { instagram?: string; whatsapp?: string }): void {
    this.webhookUrls = { ...this.webhookUrls, ...urls };
  }

  /** Where the platform itself is reachable: media URLs in webhooks and Graph answers point here. */
  setPublicUrl(url: string): void {
    this.media.setBaseUrl(url);
  }

  // ── customers ────────────────────────────────────────────────────────────

  async createCustomer(input: NewCustomer = {}): Promise<SandboxCustomer> {
    const name = input.name?.trim() || randomName();
    const customer: SandboxCustomer = {
      id: newId('cus'),
      name,
      igUsername: input.igUsername?.trim() || usernameFor(name),
      igsid: newIgsid(),
      bsuid: newBsuid(),
      phone: input.phone === null ? null : input.phone ? `+${digitsOf(input.phone)}` : randomPhone(),
      createdAt: this.now(),
    };
    await this.state.insertCustomer(customer);
    return customer;
  }

  listCustomers(): Promise<SandboxCustomer[]> {
    return this.state.listCustomers();
  }

  async customer(id: string): Promise<SandboxCustomer> {
    const found = await this.state.getCustomer(id);
    if (!found) throw new UnknownCustomerError(id);
    return found;
  }

  /** The customer's two threads, oldest first. */
  async threads(customerId: string): Promise<Record<SandboxChannel, SandboxMessage[]>> {
    await this.customer(customerId);
    return {
      instagram: await this.state.listMessages({ customerId, channel: 'instagram' }),
      whatsapp: await this.state.listMessages({ customerId, channel: 'whatsapp' }),
    };
  }

  /** What the business sent (exact Graph request bodies), oldest first. */
  sends(filter: { channel?: SandboxChannel; customerId?: string } = {}): Promise<SandboxMessage[]> {
    return this.state.listMessages({ ...filter, direction: 'to_customer' });
  }

  // ── customer actions on Instagram ─────────────────────────────────────────

  sendInstagramText(customerId: string, text: string, to: ToAccount = {}): Promise<{ mid: string }> {
    return this.instagramMessage(customerId, (mid) => ({ mid, text }), to.account);
  }

  tapInstagramQuickReply(customerId: string, title: string, payload: string): Promise<{ mid: string }> {
    return this.instagramMessage(customerId, (mid) => ({ mid, text: title, quick_reply: { payload } }));
  }

  async tapInstagramPostback(customerId: string, title: string, payload: string): Promise<{ mid: string }> {
    const customer = await this.customer(customerId);
    const mid = newInstagramMid(this.options.instagramAccountId);
    await this.customerSays(customer, 'instagram', mid, this.instagramItem(customer, { postback: { mid, title, payload } }));
    return { mid };
  }

  /** The customer opens the thread: a messaging_seen for the business's latest message. */
  async seeInstagram(customerId: string): Promise<{ mid?: string }> {
    const customer = await this.customer(customerId);
    const sent = await this.state.listMessages({ customerId, channel: 'instagram', direction: 'to_customer' });
    const latest = sent.at(-1);
    if (!latest) return {};
    for (const m of sent) if (m.status !== 'read') await this.state.updateMessageStatus(m.externalId, 'read');
    this.delivery.enqueue('instagram', { accountId: this.options.instagramAccountId, messaging: this.instagramItem(customer, { read: { mid: latest.externalId } }) });
    return { mid: latest.externalId };
  }

  /** The customer reacts to message `mid` (emoji null = unreact, which carries no emoji). */
  async reactOnInstagram(customerId: string, mid: string, emoji: string | null): Promise<void> {
    const customer = await this.customer(customerId);
    const reaction = emoji ? { mid, action: 'react', reaction: emoji === '❤️' ? 'love' : 'other', emoji } : { mid, action: 'unreact' };
    this.delivery.enqueue('instagram', { accountId: this.options.instagramAccountId, messaging: this.instagramItem(customer, { reaction }) });
  }

  /** The customer sends a photo: Meta's webhook carries a CDN URL that expires after a few days. */
  sendInstagramImage(customerId: string): Promise<{ mid: string; mediaId: string }> {
    const file = this.media.add('instagram', samplePhoto(), INSTAGRAM_CDN_TTL_MS);
    return this.instagramMessage(customerId, (mid) => ({ mid, attachments: [{ type: 'image', payload: { url: this.media.instagramCdnUrl(file) } }] }))
      .then(({ mid }) => ({ mid, mediaId: file.id }));
  }

  /**
   * The customer taps an `https://ig.me/m/<username>?ref=…` link (the Open Instagram button of a
   * cta_url message on WhatsApp) and their Instagram opens on that account's DM. Like Meta: with a
   * thread already there, a `messaging_referral` carries the ref at once; a new thread has none
   * until the customer writes, so the ref rides on their first message's `referral`. Only this
   * business's username opens here; any other link is refused (400) as one to somewhere else.
   */
  async openIgMeLink(customerId: string, link: string): Promise<{ opened: 'instagram'; referral: 'sent' | 'on_first_message' | 'none' }> {
    const customer = await this.customer(customerId);
    const business = (await this.profile('me')).username;
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw Object.assign(new Error('this is not a link'), { statusCode: 400 });
    }
    const match = /^\/m\/([A-Za-z0-9._]{1,30})\/?$/.exec(url.pathname);
    if (url.protocol !== 'https:' || url.hostname !== 'ig.me' || !match || match[1].toLowerCase() !== business.toLowerCase()) {
      throw Object.assign(new Error(`only https://ig.me/m/${business} links open this business's Instagram chat`), { statusCode: 400 });
    }
    const ref = url.searchParams.get('ref');
    if (!ref) return { opened: 'instagram', referral: 'none' };
    const hasThread = (await this.state.listMessages({ customerId, channel: 'instagram' })).length > 0;
    if (!hasThread) {
      // Held in memory: a restart of the simulated platform forgets a link nobody wrote after.
      this.pendingReferrals.set(customer.id, ref);
      return { opened: 'instagram', referral: 'on_first_message' };
    }
    this.delivery.enqueue('instagram', {
      accountId: this.options.instagramAccountId,
      messaging: this.instagramItem(customer, { referral: { ref, source: 'IG_ME', type: 'OPEN_THREAD' } }),
    });
    return { opened: 'instagram', referral: 'sent' };
  }

  private async instagramMessage(customerId: string, message: (mid: string) => Record<string, unknown>, account?: string): Promise<{ mid: string }> {
    const customer = await this.customer(customerId);
    const business = this.instagramAccount(account).accountId;
    const mid = newInstagramMid(business);
    const ref = this.pendingReferrals.get(customer.id);
    this.pendingReferrals.delete(customer.id);
    const referral = ref ? { referral: { ref, source: 'IG_ME', type: 'OPEN_THREAD' } } : {};
    await this.customerSays(customer, 'instagram', mid, this.instagramItem(customer, { message: { ...message(mid), ...referral } }, business), undefined, 'received', business);
    return { mid };
  }

  private instagramItem(customer: SandboxCustomer, event: Record<string, unknown>, account = this.options.instagramAccountId): InstagramQueueItem['messaging'] {
    return { sender: { id: customer.igsid }, recipient: { id: account }, timestamp: this.now(), ...event };
  }

  // ── customer actions on WhatsApp ──────────────────────────────────────────

  /** `withPhone` (default: whenever the customer has a number) decides whether Meta shares it. */
  sendWhatsAppText(customerId: string, text: string, options: { withPhone?: boolean } & ToAccount = {}): Promise<{ wamid: string }> {
    return this.whatsappMessage(customerId, options.withPhone, { type: 'text', text: { body: text } }, options.account);
  }

  /** The customer sends a photo: the webhook carries only a media id (fetched with the business's token). */
  async sendWhatsAppPhoto(customerId: string, caption?: string): Promise<{ wamid: string; mediaId: string }> {
    const file = this.media.add('whatsapp', samplePhoto(), WHATSAPP_WEBHOOK_MEDIA_TTL_MS);
    const image = { ...(caption ? { caption } : {}), mime_type: file.mimeType, sha256: file.sha256, id: file.id };
    const { wamid } = await this.whatsappMessage(customerId, undefined, { type: 'image', image });
    return { wamid, mediaId: file.id };
  }

  /** The customer records a voice note (Ogg Opus, `voice: true`). */
  async sendWhatsAppVoiceNote(customerId: string): Promise<{ wamid: string; mediaId: string }> {
    const file = this.media.add('whatsapp', sampleVoiceNote(), WHATSAPP_WEBHOOK_MEDIA_TTL_MS);
    const audio = { mime_type: 'audio/ogg; codecs=opus', sha256: file.sha256, id: file.id, voice: true };
    const { wamid } = await this.whatsappMessage(customerId, undefined, { type: 'audio', audio });
    return { wamid, mediaId: file.id };
  }

  /** The customer taps a reply button of the business's interactive message `contextWamid`. */
  tapWhatsAppButton(customerId: string, button: { id: string; title: string }, contextWamid?: string, options: { withPhone?: boolean } = {}) {
    return this.whatsappMessage(customerId, options.withPhone, {
      ...(contextWamid ? { context: { from: this.options.whatsappDisplayPhoneNumber, id: contextWamid } } : {}),
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: button.id, title: button.title } },
    });
  }

  /** The customer answers a contact_request by sharing their own number. */
  async shareWhatsAppPhone(customerId: string): Promise<{ wamid: string }> {
    const customer = await this.customer(customerId);
    if (!customer.phone) throw new Error('this customer has no phone number to share');
    return this.whatsappMessage(customerId, false, {
      type: 'contacts',
      origin: 'contact_request',
      contacts: [{ name: { formatted_name: customer.name }, phones: [{ phone: customer.phone, wa_id: digitsOf(customer.phone), type: 'CELL' }] }],
    });
  }

  /**
   * The customer moves to a new number: Meta regenerates the BSUID and sends a `system` message
   * of type user_changed_number carrying the new number and both user ids (and no contacts[]).
   */
  async changeWhatsAppNumber(customerId: string, newPhone: string): Promise<{ wamid: string; bsuid: string }> {
    const before = await this.customer(customerId);
    const phone = `+${digitsOf(newPhone)}`;
    const bsuid = newBsuid(before.bsuid.split('.')[0]);
    await this.state.updateCustomer(customerId, { phone, bsuid });
    return this.systemMessage(before, bsuid, {
      body: `User ${before.name} changed from ${digitsOf(before.phone ?? '')} to ${digitsOf(phone)}`,
      wa_id: digitsOf(phone),
      type: 'user_changed_number',
      user_id: bsuid,
      previous_user_id: before.bsuid,
    }, before.phone ? { from: digitsOf(before.phone) } : {});
  }

  /** Meta regenerates the customer's BSUID without sharing any number (user_changed_user_id). */
  async changeWhatsAppUserId(customerId: string): Promise<{ wamid: string; bsuid: string }> {
    const before = await this.customer(customerId);
    const bsuid = newBsuid(before.bsuid.split('.')[0]);
    await this.state.updateCustomer(customerId, { bsuid });
    return this.systemMessage(before, bsuid, {
      body: `User ${before.name} changed their business-scoped user ID`,
      type: 'user_changed_user_id',
      user_id: bsuid,
      previous_user_id: before.bsuid,
    }, {});
  }

  /** System messages carry no contacts[] and do not open the service window (status `system`). */
  private async systemMessage(before: SandboxCustomer, bsuid: string, system: Record<string, string>, sender: Record<string, string>) {
    const wamid = newWamid(bsuid);
    const message = { ...sender, from_user_id: bsuid, id: wamid, timestamp: whatsappSeconds(this.now()), type: 'system', system };
    await this.customerSays(before, 'whatsapp', wamid, message, { kind: 'message', contact: {}, message }, 'system');
    return { wamid, bsuid };
  }

  /** The customer reacts to a business message (emoji null removes the reaction). */
  reactOnWhatsApp(customerId: string, wamid: string, emoji: string | null): Promise<{ wamid: string }> {
    return this.whatsappMessage(customerId, undefined, { type: 'reaction', reaction: { message_id: wamid, ...(emoji ? { emoji } : {}) } });
  }

  /** The customer opens the chat: every business message not yet read gets a `read` status. */
  async viewWhatsApp(customerId: string): Promise<{ read: number }> {
    const customer = await this.customer(customerId);
    const sent = await this.state.listMessages({ customerId, channel: 'whatsapp', direction: 'to_customer' });
    let read = 0;
    for (const m of sent) {
      if (m.status === 'read' || m.status === 'failed') continue;
      await this.state.updateMessageStatus(m.externalId, 'read');
      const addressedBy = typeof (m.body as { to?: unknown }).to === 'string' ? 'phone' : 'bsuid';
      this.delivery.enqueue('whatsapp', {
        kind: 'status',
        status: whatsappStatus({ wamid: m.externalId, status: 'read', timestampMs: this.now(), customer, addressedBy }),
      } satisfies WhatsAppQueueItem);
      read += 1;
    }
    return { read };
  }

  private async whatsappMessage(customerId: string, withPhone: boolean | undefined, content: Record<string, unknown>, account?: string): Promise<{ wamid: string }> {
    const customer = await this.customer(customerId);
    const showPhone = (withPhone ?? true) && customer.phone !== null;
    const wamid = newWamid(showPhone ? digitsOf(customer.phone!) : customer.bsuid);
    const message = { ...whatsappSender(customer, showPhone), id: wamid, timestamp: whatsappSeconds(this.now()), ...content };
    const item: WhatsAppQueueItem = { kind: 'message', contact: whatsappContact(customer, showPhone), message };
    await this.customerSays(customer, 'whatsapp', wamid, message, item, 'received', account);
    return { wamid };
  }

  private async customerSays(
    customer: SandboxCustomer, channel: SandboxChannel, externalId: string,
    body: Record<string, unknown>, waItem?: WhatsAppQueueItem, status = 'received', account?: string,
  ) {
    await this.state.insertMessage({ id: externalId, customerId: customer.id, channel, direction: 'from_customer', externalId, body, status, createdAt: this.now() });
    if (channel === 'instagram') {
      this.delivery.enqueue('instagram', { accountId: this.instagramAccount(account).accountId, messaging: body as InstagramQueueItem['messaging'] });
    } else {
      this.delivery.enqueue('whatsapp', { ...waItem!, phoneNumberId: this.hostedWhatsAppNumber(account).phoneNumberId });
    }
  }

  // ── Graph API side ─────────────────────────────────────────────────────────

  /** Fails the next `count` sends on a channel with Meta's envelope for `code`. */
  failNextSends(injection: ErrorInjection): void {
    this.faults.failNext(injection);
  }

  /** A burst of throttling: the next `count` sends answer HTTP 429 with the channel's rate-limit code. */
  rateLimitNextSends(channel: SandboxChannel, count: number): void {
    this.failNextSends({ channel, count, code: channel === 'whatsapp' ? 130429 : 4, httpStatus: 429 });
  }

  /** Delay every Graph answer by `ms` (0 to stop). */
  setLatency(ms: number): void {
    this.faults.latencyMs = Math.max(0, ms);
  }

  getLatency(): number {
    return this.faults.latencyMs;
  }

  /**
   * From now on Meta accepts each send (the customer has it, its echo and statuses are queued) but
   * holds the HTTP answer until `releaseSendAnswers()`: the moment a crashed sender never learns
   * its message went out.
   */
  holdSendAnswers(): void {
    if (this.answerHold) return;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.answerHold = { released, release };
  }

  releaseSendAnswers(): void {
    this.answerHold?.release();
    this.answerHold = undefined;
  }

  /** Called with an accepted send's answer in hand: waits while answers are held. */
  async answerWhenReleased(): Promise<void> {
    if (this.answerHold) await this.answerHold.released;
  }

  /** What a send needs, for one business account (default: the configured ones). */
  sendContext(account: { instagram?: string; whatsapp?: string } = {}): SendContext {
    const phoneNumberId = this.hostedWhatsAppNumber(account.whatsapp).phoneNumberId;
    return {
      instagramAccountId: this.instagramAccount(account.instagram).accountId,
      whatsappPhoneNumberId: phoneNumberId,
      state: this.state,
      templates: this.templates,
      now: this.now,
      takeInjectedFailure: (channel) => this.faults.take(channel),
      enqueueInstagram: (item) => this.delivery.enqueue('instagram', item),
      enqueueWhatsApp: (item) => this.delivery.enqueue('whatsapp', { ...item, phoneNumberId }),
    };
  }

  /** `POST /<ig-user-id|me>/messages` for the account `accountId` (the token already checked). */
  async handleInstagramSend(pathId: string, body: unknown, accountId?: string) {
    const fetched = await this.fetchInstagramAttachment(body);
    const accepted = await handleInstagramSend(this.sendContext({ instagram: accountId }), pathId, body, fetched?.id);
    if (accepted.message_id) this.sendAccounts.set(accepted.message_id, this.instagramAccount(accountId).accountId);
    return accepted;
  }

  /**
   * Meta fetches an attachment URL when the message is sent, and refuses the send when it cannot.
   * Only URLs on Braid's own host are fetched here (where webhooks go): others (example.com in
   * tests) are taken as given, as nothing could answer them.
   */
  private async fetchInstagramAttachment(body: unknown) {
    const url = (body as { message?: { attachment?: { type?: string; payload?: { url?: unknown } } } } | undefined)?.message?.attachment?.payload?.url;
    const braid = this.webhookUrls.instagram;
    if (typeof url !== 'string' || !braid || !sameOrigin(url, braid)) return undefined;
    const failed = () => graphError('instagram', { code: 100, subcode: 2018008, message: '(#100) Failed to fetch the file from the url' });
    let res: Response;
    try {
      res = await (this.options.fetch ?? fetch)(url, { headers: { 'user-agent': 'facebookexternalhit/1.1' } });
    } catch {
      throw failed();
    }
    if (!res.ok) throw failed();
    const bytes = Buffer.from(await res.arrayBuffer());
    const mimeType = (res.headers.get('content-type') ?? 'application/octet-stream').split(';')[0].trim();
    return this.media.add('instagram', { bytes, mimeType }, INSTAGRAM_CDN_TTL_MS);
  }

  async handleWhatsAppSend(pathId: string, body: unknown) {
    checkWhatsAppMediaId(this.media, body);
    const accepted = await handleWhatsAppSend(this.sendContext({ whatsapp: pathId }), pathId, body);
    const wamid = (accepted.messages as { id?: string }[] | undefined)?.[0]?.id;
    if (wamid) this.sendAccounts.set(wamid, pathId);
    return accepted;
  }

  /** "Advance time": hours or days pass at once, for the platform's windows and Braid's alike. */
  advanceTime(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`time only moves forward, not by ${ms} ms`);
    if (this.options.advanceTime) this.options.advanceTime(ms);
    else this.timeOffset += ms;
    return this.now();
  }

  addTemplates(templates: SandboxTemplate[]): void {
    this.templates.push(...templates);
  }

  /** `GET /<waba-id>/message_templates`: the business's templates, a page at a time. */
  messageTemplates(wabaId: string, query: { limit?: string; after?: string }, selfUrl: string) {
    if (!this.whatsappNumbers.some((n) => n.businessAccountId === wabaId)) throw unknownObject('whatsapp', wabaId);
    // An injected WhatsApp failure hits the next Graph call, reads included.
    const injected = this.faults.take('whatsapp');
    if (injected) throw injectedError('whatsapp', injected.code, injected.httpStatus, injected.message);
    return templatePage(this.templates, query, selfUrl);
  }

  /** `POST /<phone-number-id>/media`: an uploaded file gets an id the business sends by for 30 days. */
  uploadWhatsAppMedia(pathId: string, upload: WhatsAppUpload): { id: string } {
    if (!this.hostsAccount('whatsapp', pathId)) throw unknownObject('whatsapp', pathId);
    return { id: acceptWhatsAppUpload(this.media, upload).id };
  }

  /** Instagram User Profile API for an IGSID. */
  async profile(igsid: string, token?: string): Promise<Record<string, string>> {
    if (igsid === 'me' || this.hostsAccount('instagram', igsid)) {
      // `GET /me?fields=user_id,username`: the business account itself (entry.id is its user_id).
      const account = igsid === 'me' ? this.instagramAccountByToken(token) ?? this.instagramAccount() : this.instagramAccount(igsid);
      const id = account.accountId;
      return { user_id: id, username: account.username, name: account.name, id };
    }
    const customer = await this.state.findCustomer({ igsid });
    if (!customer) throw injectedError('instagram', 100, 400, `(#100) Object with ID '${igsid}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`);
    return { name: customer.name, username: customer.igUsername, profile_pic: `https://scontent.cdninstagram.com/v/sandbox/${customer.igsid}.jpg`, id: customer.igsid };
  }

  /** The WhatsApp Business Phone Number API: what a business sees of its own number. */
  whatsappNumber(phoneNumberId?: string): Record<string, string> {
    const number = this.hostedWhatsAppNumber(phoneNumberId);
    return { id: number.phoneNumberId, display_phone_number: `+${number.displayPhoneNumber}`, verified_name: number.verifiedName, quality_rating: 'GREEN' };
  }

  /** `POST /<ig-user-id|me>/subscribed_apps` or `/<waba-id>/subscribed_apps`: the app now gets the account's webhooks. */
  subscribeApp(channel: SandboxChannel, objectId: string): { success: true } {
    const known = channel === 'instagram' ? [...this.instagramAccounts.map((a) => a.accountId), 'me'] : this.whatsappNumbers.map((n) => n.businessAccountId);
    if (!known.includes(objectId)) throw unknownObject(channel, objectId);
    return { success: true };
  }

  // ── access tokens ──────────────────────────────────────────────────────────

  /** The account id a token is checked against: `account` when hosted, else the configured one. */
  private tokenAccount(channel: SandboxChannel, account?: string): string {
    return channel === 'instagram' ? this.instagramAccount(account).accountId : this.hostedWhatsAppNumber(account).phoneNumberId;
  }

  /**
   * Whether Meta takes this token for the channel now (a download URL answers 401 otherwise).
   * Without `account`, any account of the channel's token will do (files and customer profiles are
   * not one account's).
   */
  acceptsToken(channel: SandboxChannel, token: string | undefined, account?: string): boolean {
    if (!token || this.expiredTokens.has(token)) return false;
    const accounts = account ? [this.tokenAccount(channel, account)] : channel === 'instagram' ? this.instagramAccounts.map((a) => a.accountId) : this.whatsappNumbers.map((n) => n.phoneNumberId);
    return accounts.some((id) => this.tokens.get(id) === token);
  }

  /** Throws Meta's code 190 unless `token` is one the account (see acceptsToken) accepts now. */
  checkToken(channel: SandboxChannel, token: string | undefined, account?: string): void {
    if (token && this.expiredTokens.has(token)) throw expiredToken(channel);
    if (!this.acceptsToken(channel, token, account)) throw invalidToken(channel);
  }

  /** The account's token stops working, as when it expires or the user changes their password. */
  expireToken(channel: SandboxChannel, account?: string): void {
    this.expiredTokens.add(this.tokens.get(this.tokenAccount(channel, account))!);
  }

  /** A new token for the account (what the business copies from Meta's dashboard); the old one stops working. */
  issueToken(channel: SandboxChannel, account?: string): string {
    const id = this.tokenAccount(channel, account);
    this.expiredTokens.add(this.tokens.get(id)!);
    const token = `sandbox-${channel}-token-${Math.random().toString(36).slice(2, 12)}`;
    this.tokens.set(id, token);
    return token;
  }

  // ── webhooks ───────────────────────────────────────────────────────────────

  setDeliveryOptions(patch: Partial<DeliveryOptions>): DeliveryOptions {
    return this.delivery.setOptions(patch);
  }

  duplicateNext(count: number): void {
    this.delivery.duplicateNext(count);
  }

  flush(): Promise<void> {
    return this.delivery.flush();
  }

  deliveries(): WebhookDeliveryRecord[] {
    return this.delivery.deliveries();
  }

  /** Meta's GET handshake against the configured callback: true when the challenge comes back. */
  async verifyWebhook(channel: SandboxChannel, verifyToken = this.options.verifyToken): Promise<{ ok: boolean; status: number }> {
    const url = this.webhookUrls[channel];
    if (!url) return { ok: false, status: 0 };
    const challenge = String(Math.floor(1e9 + Math.random() * 9e9));
    const query = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.challenge': challenge, 'hub.verify_token': verifyToken });
    try {
      const res = await (this.options.fetch ?? fetch)(`${url}${url.includes('?') ? '&' : '?'}${query}`, { headers: { 'user-agent': 'facebookplatform/1.0' } });
      const text = await res.text();
      return { ok: res.status === 200 && text === challenge, status: res.status };
    } catch {
      return { ok: false, status: 0 };
    }
  }

  close(): void {
    this.releaseSendAnswers();
    this.delivery.close();
  }
}

export class UnknownCustomerError extends Error {
  constructor(readonly customerId: string) {
    super(`no simulated customer with id ${customerId}`);
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
