import { z } from 'zod';
import { type MessageTemplate, templateComponentSchema } from '../../domain/messaging/templates';
import { type DownloadedFile, GraphTransport, invalidParameter, type FetchLike } from '../meta/graphApi';

/**
 * WhatsApp Cloud API sends (reference §3.3): `POST {apiUrl}/{phoneNumberId}/messages`.
 * A customer is addressed by phone (`to`, always with `+` and country code) or, for username
 * users without a visible number, by business-scoped user id (`recipient`).
 */

export interface WhatsAppGraphClientOptions {
  apiUrl: string;
  phoneNumberId: string;
  /** The WhatsApp Business Account (WABA) that owns the number and its message templates. */
  businessAccountId?: string;
  accessToken: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export type WhatsAppRecipient = { phone: string } | { bsuid: string };

export interface SendResult {
  messageId: string;
  /** `wa_id` for phone sends, `user_id` for BSUID sends. */
  recipientId?: string;
}

export interface ReplyButton {
  id: string;
  title: string;
}

export type MediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker';

const sendResponse = z.looseObject({
  messaging_product: z.literal('whatsapp').optional(),
  contacts: z.array(z.looseObject({ input: z.string().optional(), wa_id: z.string().optional(), user_id: z.string().optional() })).optional(),
  messages: z.array(z.looseObject({ id: z.string().min(1), message_status: z.string().optional() })).min(1),
});
const successResponse = z.looseObject({ success: z.boolean() });
const templatePage = z.looseObject({
  data: z.array(
    z.looseObject({
      name: z.string().min(1),
      language: z.string().min(1),
      status: z.string().min(1),
      category: z.string().default('UTILITY'),
      components: z.array(templateComponentSchema).default([]),
    }),
  ),
  paging: z.looseObject({ cursors: z.looseObject({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});

/** More pages than any business has templates for: a cursor that never ends is Meta's bug, not a loop. */
const MAX_TEMPLATE_PAGES = 200;

const mediaResponse = z.looseObject({
  url: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  // A string in Meta's examples, a number in others (reference §7.4).
  file_size: z.union([z.string(), z.number()]).optional(),
  id: z.string().optional(),
});
const uploadResponse = z.looseObject({ id: z.string().min(1) });

export interface MediaInfo {
  /** Valid for 5 minutes, and only with the token. */
  url: string;
  mimeType?: string;
  sha256?: string;
  fileSize?: number;
}

/** `351 912-345 (678)` or `+351912345678` → `+351912345678`. */
function e164(phone: string): string {
  return `+${phone.replace(/[^\d]/g, '')}`;
}

const phoneNumberResponse = z.looseObject({
  display_phone_number: z.string().nullish(),
  verified_name: z.string().nullish(),
});

export interface WhatsAppNumber {
  displayPhoneNumber?: string;
  verifiedName?: string;
}

export class WhatsAppGraphClient {
  private readonly transport: GraphTransport;

  constructor(private readonly options: WhatsAppGraphClientOptions) {
    this.transport = new GraphTransport(options);
  }

  sendText(to: WhatsAppRecipient, body: string, options: { previewUrl?: boolean; replyTo?: string } = {}) {
    return this.send(to, 'text', { text: { preview_url: options.previewUrl ?? false, body } }, options.replyTo);
  }

  sendInteractiveButtons(to: WhatsAppRecipient, body: string, buttons: ReplyButton[], options: { header?: string; footer?: string } = {}) {
    if (buttons.length < 1 || buttons.length > 3) {
      return Promise.reject(invalidParameter(`reply buttons: give 1 to 3, got ${buttons.length}`));
    }
    return this.send(to, 'interactive', {
      interactive: {
        type: 'button',
        ...(options.header ? { header: { type: 'text', text: options.header } } : {}),
        body: { text: body },
        ...(options.footer ? { footer: { text: options.footer } } : {}),
        action: { buttons: buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })) },
      },
    });
  }

  sendCtaUrl(to: WhatsAppRecipient, body: string, link: { displayText: string; url: string }) {
    return this.send(to, 'interactive', {
      interactive: {
        type: 'cta_url',
        body: { text: body },
        action: { name: 'cta_url', parameters: { display_text: link.displayText, url: link.url } },
      },
    });
  }

  sendTemplate(to: WhatsAppRecipient, name: string, languageCode: string, components: unknown[] = []) {
    return this.send(to, 'template', {
      template: { name, language: { code: languageCode }, ...(components.length ? { components } : {}) },
    });
  }

  /**
   * Every message template of the business account (`GET /<waba-id>/message_templates`), following
   * Meta's `after` cursor while a `next` page is announced.
   */
  async listTemplates(options: { pageSize?: number } = {}): Promise<MessageTemplate[]> {
    const waba = this.options.businessAccountId;
    if (!waba) throw invalidParameter('the WhatsApp Business Account id is not configured (WHATSAPP_BUSINESS_ACCOUNT_ID)');
    const fields = 'name,language,status,category,components';
    const templates: MessageTemplate[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_TEMPLATE_PAGES; page++) {
      const query = new URLSearchParams({ fields, limit: String(options.pageSize ?? 100), ...(after && { after }) });
      const body = await this.transport.request('GET', `/${encodeURIComponent(waba)}/message_templates?${query}`, templatePage);
      templates.push(...body.data);
      after = body.paging?.cursors?.after;
      if (!body.paging?.next || !after) return templates;
    }
    throw invalidParameter(`Meta announced more than ${MAX_TEMPLATE_PAGES} pages of message templates`);
  }

  /** Asks a username user to share their phone number; the answer is a `contacts` message with origin contact_request. */
  sendContactRequest(to: WhatsAppRecipient, body: string) {
    return this.send(to, 'interactive', {
      interactive: { type: 'contact_request', body: { text: body }, action: { name: 'request_contact_info' } },
    });
  }

  sendMedia(to: WhatsAppRecipient, type: MediaType, link: string, options: { caption?: string; filename?: string } = {}) {
    const media: Record<string, string> = { link };
    if (options.caption && type !== 'audio' && type !== 'sticker') media.caption = options.caption;
    if (options.filename && type === 'document') media.filename = options.filename;
    return this.send(to, type, { [type]: media });
  }

  /** Sends a file uploaded with `uploadMedia` (Meta's recommended way; a `link` is "not recommended"). */
  sendMediaById(to: WhatsAppRecipient, type: MediaType, mediaId: string, options: { caption?: string; filename?: string } = {}) {
    const media: Record<string, string> = { id: mediaId };
    if (options.caption && type !== 'audio' && type !== 'sticker') media.caption = options.caption;
    if (options.filename && type === 'document') media.filename = options.filename;
    return this.send(to, type, { [type]: media });
  }

  /** `GET /<media-id>`: where a received file can be downloaded for the next 5 minutes. */
  async getMedia(mediaId: string): Promise<MediaInfo> {
    const res = await this.transport.request('GET', `/${encodeURIComponent(mediaId)}?phone_number_id=${encodeURIComponent(this.options.phoneNumberId)}`, mediaResponse);
    const size = res.file_size === undefined ? undefined : Number(res.file_size);
    return { url: res.url, mimeType: res.mime_type, sha256: res.sha256, fileSize: Number.isFinite(size) ? size : undefined };
  }

  /** Downloads a media URL from `getMedia`, with the token, reading at most `maxBytes`. */
  downloadMedia(url: string, maxBytes: number): Promise<DownloadedFile> {
    return this.transport.download(url, maxBytes);
  }

  /** `POST /<phone-number-id>/media` (multipart): the id to send the file by, valid 30 days. */
  async uploadMedia(file: { bytes: Uint8Array; mimeType: string; filename: string }): Promise<string> {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    // Meta lists `type` as required while its curl example types only the file part: send both.
    form.set('type', file.mimeType);
    form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename);
    const res = await this.transport.requestForm(`/${encodeURIComponent(this.options.phoneNumberId)}/media`, uploadResponse, form);
    return res.id;
  }

  /** Marks an inbound message (and the ones before it) read; optionally shows a typing indicator. */
  /** `GET /<phone-number-id>?fields=display_phone_number,verified_name`: the number this token reaches. */
  async getPhoneNumber(): Promise<WhatsAppNumber> {
    const path = `/${encodeURIComponent(this.options.phoneNumberId)}?fields=display_phone_number,verified_name`;
    const body = await this.transport.request('GET', path, phoneNumberResponse);
    return { displayPhoneNumber: body.display_phone_number ?? undefined, verifiedName: body.verified_name ?? undefined };
  }

  /** `POST /<waba-id>/subscribed_apps`: the app gets the business account's webhooks. */
  async subscribeApp(businessAccountId: string): Promise<boolean> {
    return (await this.transport.request('POST', `/${encodeURIComponent(businessAccountId)}/subscribed_apps`, successResponse)).success;
  }

  async markRead(messageId: string, options: { typing?: boolean } = {}): Promise<boolean> {
    const body = {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: messageId,
      ...(options.typing ? { typing_indicator: { type: 'text' } } : {}),
    };
    const res = await this.transport.request('POST', this.path(), successResponse, body);
    return res.success;
  }

  private async send(to: WhatsAppRecipient, type: string, content: Record<string, unknown>, replyTo?: string): Promise<SendResult> {
    const address = 'phone' in to ? { to: e164(to.phone) } : { recipient: to.bsuid };
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      ...address,
      ...(replyTo ? { context: { message_id: replyTo } } : {}),
      type,
      ...content,
    };
    const res = await this.transport.request('POST', this.path(), sendResponse, body);
    const contact = res.contacts?.[0];
    return { messageId: res.messages[0].id, recipientId: contact?.wa_id ?? contact?.user_id };
  }

  private path(): string {
    return `/${encodeURIComponent(this.options.phoneNumberId)}/messages`;
  }
}
