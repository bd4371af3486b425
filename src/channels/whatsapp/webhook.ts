import { z } from 'zod';
import {
  toE164,
  type Attachment,
  type CustomerRef,
  type InboundEvent,
  type MessageEvent,
  type MessagePayload,
  type MessageType,
  parseAtOnce,
  type ParseResult,
  type ParseSteps,
  type StatusEvent,
} from '../events';
import { describeFailure, isPlainObject, scalarText } from '../meta/parsing';
import {
  bodySchemas,
  contactSchema,
  MEDIA_TYPES,
  mediaSchema,
  messageBaseSchema,
  statusSchema,
  valueSchema,
} from './webhookSchemas';

/**
 * WhatsApp Cloud API webhooks (`object: "whatsapp_business_account"`), per the reference §3 and
 * §6: loops over entry[] × changes[] × messages[]/statuses[]; a change may carry both. Since 2026
 * `from`/`wa_id` may be absent (username users) while `from_user_id`/`user_id` (BSUID) are there.
 */

type Contact = z.infer<typeof contactSchema>;
type MessageBase = z.infer<typeof messageBaseSchema>;
type Issue = { reason: string };

export function parseWhatsAppWebhook(json: unknown): ParseResult {
  return parseAtOnce(whatsAppWebhookSteps(json));
}

/** The same parse, one message or status at a time (see ParseSteps). */
export function* whatsAppWebhookSteps(json: unknown): ParseSteps {
  try {
    return yield* parse(json);
  } catch (error) {
    return { ok: false, reason: `unparseable WhatsApp webhook: ${error instanceof Error ? error.message : 'unknown error'}` };
  }
}

function* parse(json: unknown): ParseSteps {
  if (!isPlainObject(json) || json.object !== 'whatsapp_business_account') {
    return { ok: false, reason: 'not a WhatsApp webhook (object must be "whatsapp_business_account")' };
  }
  const events: InboundEvent[] = [];
  const rejected: Issue[] = [];
  const accountIds = new Set<string>();
  const entries = Array.isArray(json.entry) ? json.entry : [];
  if (!Array.isArray(json.entry)) rejected.push({ reason: 'entry: expected an array' });

  for (const [e, entry] of entries.entries()) {
    const changes = isPlainObject(entry) && Array.isArray(entry.changes) ? entry.changes : null;
    if (!changes) {
      rejected.push({ reason: `entry[${e}].changes: expected an array` });
      continue;
    }
    for (const [c, change] of changes.entries()) {
      yield;
      const where = `entry[${e}].changes[${c}]`;
      if (!isPlainObject(change) || change.field !== 'messages') {
        const field = (isPlainObject(change) && scalarText(change.field)) || '?';
        rejected.push({ reason: `${where}: field "${field}" is not handled` });
        continue;
      }
      const value = valueSchema.safeParse(change.value);
      if (!value.success) {
        rejected.push({ reason: describeFailure(`${where}.value`, value.error) });
        continue;
      }
      const accountId = value.data.metadata.phone_number_id;
      accountIds.add(accountId);
      const contacts = (value.data.contacts ?? []).flatMap((raw) => {
        const contact = contactSchema.safeParse(raw);
        return contact.success ? [contact.data] : [];
      });
      for (const [i, raw] of (value.data.messages ?? []).entries()) {
        yield;
        const out = messageEvent(accountId, raw, contacts, `${where}.value.messages[${i}]`);
        if ('reason' in out) rejected.push(out);
        else events.push(out);
      }
      for (const [i, raw] of (value.data.statuses ?? []).entries()) {
        yield;
        const out = statusEvent(accountId, raw, `${where}.value.statuses[${i}]`);
        if ('reason' in out) rejected.push(out);
        else events.push(out);
      }
    }
  }
  return { ok: true, accountIds: [...accountIds], events, rejected };
}

/** contacts[] is a sibling of messages[]; match by wa_id or user_id, else the only contact. */
function contactFor(message: MessageBase, contacts: Contact[]): Contact | undefined {
  return (
    contacts.find(
      (c) => (c.wa_id && c.wa_id === message.from) || (c.user_id && c.user_id === message.from_user_id),
    ) ?? (contacts.length === 1 ? contacts[0] : undefined)
  );
}

function customerOf(message: MessageBase, contact: Contact | undefined): CustomerRef {
  const customer: CustomerRef = {};
  const bsuid = message.from_user_id ?? contact?.user_id;
  const phone = toE164(message.from ?? contact?.wa_id);
  if (bsuid) customer.bsuid = bsuid;
  if (phone) customer.phone = phone;
  if (contact?.profile?.name) customer.name = contact.profile.name;
  if (contact?.profile?.username) customer.username = contact.profile.username;
  return customer;
}

function messageEvent(accountId: string, raw: unknown, contacts: Contact[], where: string): InboundEvent | Issue {
  const base = messageBaseSchema.safeParse(raw);
  if (!base.success) return { reason: describeFailure(where, base.error) };
  const m = base.data;
  const common = {
    channel: 'whatsapp' as const,
    accountId,
    timestamp: m.timestamp,
    customer: customerOf(m, contactFor(m, contacts)),
  };
  const payload: MessagePayload = { attachments: [] };
  if (m.context?.id) payload.replyTo = { externalId: m.context.id };
  if (m.context?.forwarded || m.context?.frequently_forwarded) payload.forwarded = true;
  if (m.referral) {
    payload.referral = {
      ref: m.referral.source_id,
      source: m.referral.source_type,
      sourceUrl: m.referral.source_url,
      headline: m.referral.headline,
      body: m.referral.body,
      ctwaClid: m.referral.ctwa_clid,
    };
  }
  const message = (messageType: MessageType, text?: string): MessageEvent => ({
    ...common,
    kind: 'message',
    externalId: m.id,
    direction: 'inbound',
    messageType,
    text,
    payload,
    eventKey: `wa:message:${m.id}`,
  });
  const bad = (error: z.ZodError): Issue => ({ reason: describeFailure(where, error) });

  switch (m.type) {
    case 'text': {
      const b = bodySchemas.text.safeParse(raw);
      return b.success ? message('text', b.data.text.body) : bad(b.error);
    }
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker': {
      const b = bodySchemas.media(m.type).safeParse(raw);
      if (!b.success) return bad(b.error);
      const media = (b.data as Record<string, z.infer<typeof mediaSchema>>)[m.type];
      payload.attachments.push(toAttachment(MEDIA_TYPES[m.type], media));
      return message(MEDIA_TYPES[m.type]);
    }
    case 'location': {
      const b = bodySchemas.location.safeParse(raw);
      if (!b.success) return bad(b.error);
      const { latitude, longitude, name, address, url } = b.data.location;
      payload.location = { latitude, longitude, name, address, url };
      return message('location');
    }
    case 'contacts': {
      const b = bodySchemas.contacts.safeParse(raw);
      if (!b.success) return bad(b.error);
      payload.contacts = b.data.contacts.map((c) => ({
        name: c.name?.formatted_name,
        phones: (c.phones ?? []).map((p) => ({ phone: toE164(p.phone), waId: p.wa_id, type: p.type })),
        emails: (c.emails ?? []).flatMap((x) => (x.email ? [x.email] : [])),
      }));
      // The answer to our contact_request: the customer shared their own number.
      if (b.data.origin === 'contact_request' || b.data.contacts.some((c) => c.origin === 'contact_request')) {
        payload.contactRequestReply = true;
        const shared = payload.contacts.flatMap((c) => c.phones)[0];
        const phone = toE164(shared?.waId) ?? shared?.phone;
        if (phone && !common.customer.phone) common.customer.phone = phone;
      }
      return message('contacts');
    }
    case 'button': {
      const b = bodySchemas.button.safeParse(raw);
      if (!b.success) return bad(b.error);
      payload.quickReplyPayload = b.data.button.payload;
      return message('button', b.data.button.text);
    }
    case 'interactive': {
      const b = bodySchemas.interactive.safeParse(raw);
      if (!b.success) return bad(b.error);
      const i = b.data.interactive;
      const reply = i.button_reply ?? i.list_reply;
      payload.interactive = {
        type: i.type,
        id: reply?.id,
        title: reply?.title,
        description: i.list_reply?.description,
        responseJson: i.nfm_reply?.response_json,
      };
      return message('interactive', reply?.title ?? i.nfm_reply?.body);
    }
    case 'reaction': {
      const b = bodySchemas.reaction.safeParse(raw);
      if (!b.success) return bad(b.error);
      const emoji = b.data.reaction.emoji || undefined;
      return {
        ...common,
        kind: 'reaction',
        externalId: b.data.reaction.message_id,
        action: emoji ? 'react' : 'unreact',
        emoji,
        eventKey: `wa:reaction:${m.id}`,
      };
    }
    case 'system': {
      const b = bodySchemas.system.safeParse(raw);
      if (!b.success) return bad(b.error);
      const s = b.data.system;
      if (s.type !== 'user_changed_number' && s.type !== 'user_changed_user_id') break;
      const newPhone = toE164(s.wa_id ?? scalarText(s.new_wa_id));
      const current = { phone: s.type === 'user_changed_number' ? newPhone : toE164(m.from), bsuid: s.user_id ?? m.from_user_id };
      const previous = {
        phone: s.type === 'user_changed_number' ? toE164(m.from) : undefined,
        bsuid: s.previous_user_id ?? (s.user_id && m.from_user_id !== s.user_id ? m.from_user_id : undefined),
      };
      return {
        ...common,
        customer: { ...(current.bsuid ? { bsuid: current.bsuid } : {}), ...(current.phone ? { phone: current.phone } : {}) },
        kind: 'identity_changed',
        externalId: m.id,
        change: s.type,
        previous: strip(previous),
        current: strip(current),
        text: s.body,
        eventKey: `wa:system:${m.id}`,
      };
    }
    case 'order':
      payload.raw = raw;
      return message('order');
  }
  // unsupported, unknown types and unknown system types: kept, never dropped.
  payload.raw = raw;
  if (m.errors) payload.errors = m.errors.map((x) => ({ code: x.code, title: x.title, message: x.message }));
  return message('unsupported');
}

function toAttachment(type: Attachment['type'], media: z.infer<typeof mediaSchema>): Attachment {
  const a: Attachment = { type };
  if (media.id) a.mediaId = media.id;
  if (media.url) a.url = media.url;
  if (media.mime_type) a.mimeType = media.mime_type;
  if (media.sha256) a.sha256 = media.sha256;
  if (media.caption) a.caption = media.caption;
  if (media.filename) a.filename = media.filename;
  if (media.voice !== undefined) a.voice = media.voice;
  if (media.animated !== undefined) a.animated = media.animated;
  return a;
}

function strip<T extends Record<string, string | undefined>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function statusEvent(accountId: string, raw: unknown, where: string): StatusEvent | Issue {
  const parsed = statusSchema.safeParse(raw);
  if (!parsed.success) return { reason: describeFailure(where, parsed.error) };
  const s = parsed.data;
  const contact = s.contacts?.[0];
  const customer: CustomerRef = {};
  const phone = toE164(s.recipient_id ?? contact?.wa_id);
  const bsuid = s.recipient_user_id ?? contact?.user_id;
  if (phone) customer.phone = phone;
  if (bsuid) customer.bsuid = bsuid;
  if (contact?.profile?.username) customer.username = contact.profile.username;
  // `played` (voice notes) implies the message was read.
  const status = s.status === 'played' ? 'read' : s.status;
  const error = s.errors?.[0];
  return {
    channel: 'whatsapp',
    accountId,
    timestamp: s.timestamp,
    customer,
    kind: 'status',
    externalId: s.id,
    status,
    error: error
      ? { code: error.code, title: error.title, message: error.message, details: error.error_data?.details }
      : undefined,
    eventKey: `wa:status:${s.id}:${status}`,
  };
}
