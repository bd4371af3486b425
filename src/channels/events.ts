/**
 * Normalized inbound events: what the webhook parsers make of Meta's two wire formats, and
 * what the ingest use case consumes. One webhook POST yields zero or more events.
 *
 * Guarantees the parsers give:
 * - Every event carries `eventKey`, a deterministic string that is identical when Meta
 *   delivers the same item twice (at-least-once delivery), so it can be used to deduplicate
 *   without knowing the event kind. For messages it is derived from the mid / wamid.
 * - `timestamp` is always epoch milliseconds (Instagram sends ms; WhatsApp sends seconds as a
 *   string, multiplied by 1000 here). Order threads by it, never by arrival.
 * - `accountId` is the business side: the Instagram professional account id (`entry.id`), or
 *   the WhatsApp `phone_number_id` (not the WABA id, which is `entry.id` on WhatsApp).
 * - `customer` is always the customer, whatever the direction: for an Instagram echo (a message
 *   the business sent) it is the recipient, not the sender.
 * - Nothing is dropped silently: an item the parser does not understand becomes a `message`
 *   with `messageType: 'unsupported'` and its raw JSON in `payload.raw`; an item that breaks
 *   its schema (e.g. no sender id) is reported in the parse result's `rejected` list.
 */

export type Channel = 'instagram' | 'whatsapp';

/**
 * Who the customer is, as far as this one event tells. Instagram gives only `igsid`
 * (16-digit Instagram-scoped id). WhatsApp gives the business-scoped user id `bsuid`
 * (e.g. `PT.8812736451209`) on every webhook since 2026 and the phone only when Meta may
 * share it; `phone` is E.164 with a leading `+` (Meta sends digits only). `name` and
 * `username` come from WhatsApp `contacts[].profile`.
 */
export interface CustomerRef {
  igsid?: string;
  bsuid?: string;
  phone?: string;
  name?: string;
  username?: string;
}

export type MessageType =
  | 'text'
  | 'image'
  | 'video'
  | 'audio'
  | 'file'
  | 'sticker'
  | 'share'
  | 'ig_post'
  | 'ig_reel'
  | 'story'
  | 'story_mention'
  | 'story_reply'
  | 'quick_reply'
  | 'postback'
  | 'button'
  | 'interactive'
  | 'location'
  | 'contacts'
  | 'order'
  | 'unsupported';

export type AttachmentType =
  | 'image'
  | 'video'
  | 'audio'
  | 'file'
  | 'sticker'
  | 'share'
  | 'ig_post'
  | 'ig_reel'
  | 'story'
  | 'story_mention'
  | 'template'
  | 'fallback'
  | 'unknown';

export interface Attachment {
  type: AttachmentType;
  /** Instagram always; WhatsApp only sometimes (from 2025-11), otherwise fetch by mediaId. */
  url?: string;
  /** WhatsApp media id, to fetch with the Graph media endpoint. */
  mediaId?: string;
  mimeType?: string;
  caption?: string;
  filename?: string;
  /** WhatsApp sends it base64-encoded; kept as sent. */
  sha256?: string;
  /** WhatsApp voice note / animated sticker; Instagram sticker id; IG post/reel title. */
  voice?: boolean;
  animated?: boolean;
  stickerId?: string;
  title?: string;
}

export interface SharedContact {
  name?: string;
  /** E.164 numbers as the user shared them (spaces removed). */
  phones: { phone?: string; waId?: string; type?: string }[];
  emails: string[];
}

export interface Referral {
  /** IG `ref` from an ig.me link or ad; WA `source_id` for a Click-to-WhatsApp ad. */
  ref?: string;
  source?: string;
  type?: string;
  adId?: string;
  sourceUrl?: string;
  headline?: string;
  body?: string;
  ctwaClid?: string;
}

export interface MessagePayload {
  attachments: Attachment[];
  /** IG quick_reply payload; WA template quick-reply button payload. */
  quickReplyPayload?: string;
  /** IG postback (button/icebreaker tap). */
  postback?: { title?: string; payload?: string };
  /** WA interactive replies: button_reply / list_reply carry id+title; nfm_reply (flows) carries responseJson. */
  interactive?: {
    type: 'button_reply' | 'list_reply' | 'nfm_reply' | string;
    id?: string;
    title?: string;
    description?: string;
    responseJson?: string;
  };
  location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  contacts?: SharedContact[];
  /** True when a WA `contacts` message answers our contact_request (the user shared their own number). */
  contactRequestReply?: boolean;
  /** The message this one answers: IG reply_to.mid / WA context.id. */
  replyTo?: { externalId?: string; storyUrl?: string; storyId?: string };
  forwarded?: boolean;
  referral?: Referral;
  /** Meta's own error objects (WA unsupported messages). */
  errors?: { code?: number; title?: string; message?: string }[];
  /** The untouched item for messages the parser could not interpret. */
  raw?: unknown;
}

interface EventBase {
  channel: Channel;
  accountId: string;
  /** Epoch milliseconds, from the platform. */
  timestamp: number;
  eventKey: string;
  customer: CustomerRef;
}

/** A message from the customer (`inbound`) or the business's own send echoed back (`echo`, Instagram). */
export interface MessageEvent extends EventBase {
  kind: 'message';
  externalId: string;
  direction: 'inbound' | 'echo';
  messageType: MessageType;
  /** Text body, caption-free; for quick replies/postbacks/buttons the title the customer tapped. */
  text?: string;
  payload: MessagePayload;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** A delivery status for a message the business sent (WhatsApp `statuses[]`). Only moves forward. */
export interface StatusEvent extends EventBase {
  kind: 'status';
  externalId: string;
  status: DeliveryStatus;
  error?: { code?: number; title?: string; message?: string; details?: string };
}

/** Customer reacted to (or removed a reaction from) message `externalId`. Unreacts carry no emoji. */
export interface ReactionEvent extends EventBase {
  kind: 'reaction';
  externalId: string;
  action: 'react' | 'unreact';
  emoji?: string;
  /** Instagram's reaction name, e.g. `love`. */
  reaction?: string;
}

/** Instagram messaging_seen: every business message up to and including `externalId` was read. */
export interface ReadEvent extends EventBase {
  kind: 'read';
  externalId: string;
}

/** Instagram: the customer unsent message `externalId`. */
export interface DeletedEvent extends EventBase {
  kind: 'deleted';
  externalId: string;
}

/** Instagram message_edit: message `externalId` now reads `text` (the `editCount`th edit). */
export interface EditEvent extends EventBase {
  kind: 'edit';
  externalId: string;
  text: string;
  editCount?: number;
}

/** Instagram messaging_referral outside a message (an ig.me link with `?ref=`). */
export interface ReferralEvent extends EventBase {
  kind: 'referral';
  referral: Referral;
}

/**
 * WhatsApp system message: the customer's phone number or BSUID changed. Move the identity
 * from `previous` to `current` on the same contact; never fork the contact.
 * `customer` is the customer as now known (same as `current`).
 */
export interface IdentityChangedEvent extends EventBase {
  kind: 'identity_changed';
  externalId: string;
  change: 'user_changed_number' | 'user_changed_user_id';
  previous: { phone?: string; bsuid?: string };
  current: { phone?: string; bsuid?: string };
  text?: string;
}

export type InboundEvent =
  | MessageEvent
  | StatusEvent
  | ReactionEvent
  | ReadEvent
  | DeletedEvent
  | EditEvent
  | ReferralEvent
  | IdentityChangedEvent;

export type ParseResult =
  | { ok: true; accountIds: string[]; events: InboundEvent[]; rejected: { reason: string }[] }
  | { ok: false; reason: string };

/**
 * A webhook parse that can be run in slices: it yields after each item it has read and returns
 * the result. A large delivery (thousands of items) takes tens of milliseconds to read; the caller
 * decides whether to let the event loop turn between items. Pure: it never waits by itself.
 */
export type ParseSteps = Generator<void, ParseResult, void>;

/** Runs a parse to its end at once. */
export function parseAtOnce(steps: ParseSteps): ParseResult {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `351912345678` → `+351912345678`; already-prefixed or blank values are handled. */
export function toE164(phone: string | undefined | null): string | undefined {
  if (phone === undefined || phone === null) return undefined;
  const digits = String(phone).replace(/[^\d]/g, '');
  return digits ? `+${digits}` : undefined;
}
