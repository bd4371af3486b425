import { z } from 'zod';
import {
  parseAtOnce,
  type Attachment,
  type AttachmentType,
  type CustomerRef,
  type InboundEvent,
  type MessageEvent,
  type MessageType,
  type ParseResult,
  type ParseSteps,
  type Referral,
} from '../events';
import { describeFailure, fingerprint, isPlainObject, metaId, optionalText, scalarText } from '../meta/parsing';

/**
 * Instagram messaging webhooks (`object: "instagram"`), per the reference §2.2 and §6.
 * Schemas are loose: unknown fields are kept and ignored, so a new Meta field never breaks
 * ingestion. Batches arrive as several `entry` objects, each with `messaging[]`.
 */

const idHolder = z.looseObject({ id: metaId });

const attachmentSchema = z.looseObject({
  type: z.string(),
  payload: z
    .looseObject({ url: optionalText, title: optionalText, sticker_id: z.unknown().optional() })
    .nullish()
    .catch(undefined),
});

const referralSchema = z.looseObject({
  ref: optionalText,
  source: optionalText,
  type: optionalText,
  ad_id: z.unknown().optional(),
  ads_context_data: z.looseObject({ ad_title: optionalText }).optional().catch(undefined),
});

const messageSchema = z.looseObject({
  mid: z.string().min(1),
  text: z.string().optional(),
  attachments: z.array(attachmentSchema).optional(),
  quick_reply: z.looseObject({ payload: z.string() }).optional(),
  reply_to: z
    .looseObject({
      mid: optionalText,
      story: z.looseObject({ url: optionalText, id: z.unknown().optional() }).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  referral: referralSchema.optional().catch(undefined),
  is_echo: z.boolean().optional(),
  is_deleted: z.boolean().optional(),
  is_unsupported: z.boolean().optional(),
});

const messagingSchema = z.looseObject({
  sender: idHolder,
  recipient: idHolder,
  timestamp: z.number().nonnegative().optional(),
  message: messageSchema.optional(),
  reaction: z
    .looseObject({
      mid: z.string().min(1),
      action: z.enum(['react', 'unreact']),
      reaction: optionalText,
      emoji: optionalText,
    })
    .optional(),
  postback: z.looseObject({ mid: optionalText, title: optionalText, payload: optionalText }).optional(),
  read: z.looseObject({ mid: z.string().min(1) }).optional(),
  referral: referralSchema.optional(),
  message_edit: z
    .looseObject({ mid: z.string().min(1), text: z.string(), num_edit: z.number().optional() })
    .optional(),
});

const entrySchema = z.looseObject({
  id: metaId,
  time: z.number().optional().catch(undefined),
  messaging: z.array(z.unknown()).optional(),
  changes: z.array(z.unknown()).optional(),
});

type Messaging = z.infer<typeof messagingSchema>;
type IgMessage = z.infer<typeof messageSchema>;

export function parseInstagramWebhook(json: unknown): ParseResult {
  return parseAtOnce(instagramWebhookSteps(json));
}

/** The same parse, one messaging item at a time (see ParseSteps). */
export function* instagramWebhookSteps(json: unknown): ParseSteps {
  try {
    return yield* parse(json);
  } catch (error) {
    // The schemas should make this unreachable; the contract is still "never throw".
    return { ok: false, reason: `unparseable Instagram webhook: ${error instanceof Error ? error.message : 'unknown error'}` };
  }
}

function* parse(json: unknown): ParseSteps {
  if (!isPlainObject(json) || json.object !== 'instagram') {
    return { ok: false, reason: 'not an Instagram webhook (object must be "instagram")' };
  }
  const events: InboundEvent[] = [];
  const rejected: { reason: string }[] = [];
  const accountIds = new Set<string>();
  if (!Array.isArray(json.entry)) {
    return { ok: true, accountIds: [], events, rejected: [{ reason: 'entry: expected an array' }] };
  }
  for (const [e, rawEntry] of json.entry.entries()) {
    const entry = entrySchema.safeParse(rawEntry);
    if (!entry.success) {
      rejected.push({ reason: describeFailure(`entry[${e}]`, entry.error) });
      continue;
    }
    const accountId = entry.data.id;
    accountIds.add(accountId);
    for (const [m, rawItem] of (entry.data.messaging ?? []).entries()) {
      yield;
      const where = `entry[${e}].messaging[${m}]`;
      const item = messagingSchema.safeParse(rawItem);
      if (!item.success) {
        rejected.push({ reason: describeFailure(where, item.error) });
        continue;
      }
      const timestamp = toMillis(item.data.timestamp ?? entry.data.time);
      if (timestamp === undefined) {
        rejected.push({ reason: `${where}: timestamp: missing` });
        continue;
      }
      events.push(...eventsFromItem(accountId, item.data, timestamp, rawItem));
    }
    (entry.data.changes ?? []).forEach((change, c) => {
      const field = (isPlainObject(change) && scalarText(change.field)) || '?';
      rejected.push({ reason: `entry[${e}].changes[${c}]: field "${field}" is not handled` });
    });
  }
  return { ok: true, accountIds: [...accountIds], events, rejected };
}

/** Instagram sends milliseconds; a seconds value (some older fields) is scaled so both sort. */
function toMillis(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
}

function eventsFromItem(accountId: string, item: Messaging, timestamp: number, raw: unknown): InboundEvent[] {
  // In echoes sender and recipient swap; entry.id stays the business account.
  const fromBusiness = item.message?.is_echo === true || item.sender.id === accountId;
  const customer: CustomerRef = { igsid: fromBusiness ? item.recipient.id : item.sender.id };
  const base = { channel: 'instagram' as const, accountId, timestamp, customer };
  const igsid = customer.igsid!;

  if (item.message) return [messageEvent(base, item.message, fromBusiness)];
  if (item.reaction) {
    const r = item.reaction;
    return [{
      ...base,
      kind: 'reaction',
      externalId: r.mid,
      action: r.action,
      // Unreacts carry no emoji; never invent one.
      emoji: r.action === 'react' ? r.emoji : undefined,
      reaction: r.action === 'react' ? r.reaction : undefined,
      eventKey: `ig:reaction:${r.mid}:${igsid}:${r.action}:${timestamp}`,
    }];
  }
  if (item.postback) {
    const p = item.postback;
    const externalId = p.mid ?? `postback:${igsid}:${timestamp}:${fingerprint(p)}`;
    return [{
      ...base,
      kind: 'message',
      externalId,
      direction: 'inbound',
      messageType: 'postback',
      text: p.title,
      payload: { attachments: [], postback: { title: p.title, payload: p.payload } },
      eventKey: `ig:message:${externalId}`,
    }];
  }
  if (item.read) {
    return [{ ...base, kind: 'read', externalId: item.read.mid, eventKey: `ig:read:${item.read.mid}:${igsid}` }];
  }
  if (item.message_edit) {
    const m = item.message_edit;
    return [{
      ...base,
      kind: 'edit',
      externalId: m.mid,
      text: m.text,
      editCount: m.num_edit,
      eventKey: `ig:edit:${m.mid}:${m.num_edit ?? timestamp}`,
    }];
  }
  if (item.referral) {
    const referral = toReferral(item.referral);
    return [{ ...base, kind: 'referral', referral, eventKey: `ig:referral:${igsid}:${timestamp}:${referral.ref ?? ''}` }];
  }
  // An item of a kind we do not know: kept as an unsupported message, never dropped.
  const externalId = `unknown:${igsid}:${timestamp}:${fingerprint(raw)}`;
  return [{
    ...base,
    kind: 'message',
    externalId,
    direction: fromBusiness ? 'echo' : 'inbound',
    messageType: 'unsupported',
    payload: { attachments: [], raw },
    eventKey: `ig:message:${externalId}`,
  }];
}

type Base = Pick<MessageEvent, 'channel' | 'accountId' | 'timestamp' | 'customer'>;

function messageEvent(base: Base, message: IgMessage, fromBusiness: boolean): InboundEvent {
  const key = `ig:message:${message.mid}`;
  if (message.is_deleted) {
    return { ...base, kind: 'deleted', externalId: message.mid, eventKey: `ig:deleted:${message.mid}` };
  }
  const attachments = dedupeSharedPost((message.attachments ?? []).map(toAttachment));
  const payload: MessageEvent['payload'] = { attachments };
  if (message.quick_reply) payload.quickReplyPayload = message.quick_reply.payload;
  if (message.reply_to) {
    payload.replyTo = {
      externalId: message.reply_to.mid,
      storyUrl: message.reply_to.story?.url,
      storyId: scalarText(message.reply_to.story?.id),
    };
  }
  if (message.referral) payload.referral = toReferral(message.referral);

  let messageType: MessageType;
  if (message.is_unsupported) messageType = 'unsupported';
  else if (message.quick_reply) messageType = 'quick_reply';
  else if (message.reply_to?.story) messageType = 'story_reply';
  else if (attachments.length > 0) messageType = attachmentMessageType(attachments[0].type);
  else if (message.text !== undefined) messageType = 'text';
  else messageType = 'unsupported';
  if (messageType === 'unsupported') payload.raw = message;

  return {
    ...base,
    kind: 'message',
    externalId: message.mid,
    direction: fromBusiness ? 'echo' : 'inbound',
    messageType,
    text: message.text,
    payload,
    eventKey: key,
  };
}

const ATTACHMENT_TYPES: Record<string, AttachmentType> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  file: 'file',
  share: 'share',
  ig_post: 'ig_post',
  ig_reel: 'ig_reel',
  reel: 'ig_reel',
  story_mention: 'story_mention',
  story: 'story',
  ig_story: 'story',
  template: 'template',
  fallback: 'fallback',
  like_heart: 'sticker',
};

function toAttachment(a: z.infer<typeof attachmentSchema>): Attachment {
  const stickerId = a.payload?.sticker_id;
  const type = stickerId !== undefined && a.type === 'image' ? 'sticker' : (ATTACHMENT_TYPES[a.type] ?? 'unknown');
  const out: Attachment = { type };
  if (a.payload?.url) out.url = a.payload.url;
  if (a.payload?.title) out.title = a.payload.title;
  const stickerText = scalarText(stickerId);
  if (stickerText !== undefined) out.stickerId = stickerText;
  return out;
}

/**
 * From 2025-11-03 to 2026-02-01 a shared post arrives as a `share` and an `ig_post` with the same
 * payload. Keep the `ig_post` (the type that outlives the deprecation) and drop its twin.
 */
function dedupeSharedPost(attachments: Attachment[]): Attachment[] {
  const posts = attachments.filter((a) => a.type === 'ig_post');
  if (posts.length === 0) return attachments;
  return attachments.filter(
    (a) => a.type !== 'share' || !posts.some((p) => p.url === a.url),
  );
}

function attachmentMessageType(type: AttachmentType): MessageType {
  switch (type) {
    case 'template':
    case 'fallback':
      return 'share';
    case 'unknown':
      return 'unsupported';
    default:
      return type;
  }
}

function toReferral(r: z.infer<typeof referralSchema>): Referral {
  return {
    ref: r.ref,
    source: r.source,
    type: r.type,
    adId: scalarText(r.ad_id),
    headline: r.ads_context_data?.ad_title,
  };
}
