import { z } from 'zod';
import {
  graphError,
  injectedError,
  instagramNoSuchUser,
  instagramOutsideWindow,
  invalidParameter,
  unknownObject,
  WHATSAPP_WINDOW_DETAILS,
  whatsappOutsideWindow,
  whatsappUndeliverable,
} from './graphErrors';
import { newInstagramMid, newWamid } from './ids';
import { digitsOf, whatsappStatus, type InstagramQueueItem, type WhatsAppQueueItem } from './payloads';
import type { PlatformState, SandboxChannel, SandboxCustomer } from './state';
import { checkTemplateSend, type SandboxTemplate } from './templates';

/**
 * The Graph send endpoints' behaviour: Meta's validation, the 24-hour windows, injected failures,
 * and the webhooks an accepted send causes (Instagram echo; WhatsApp sent → delivered statuses).
 * Checks run in Meta's order: body, recipient, window. A failure throws PlatformGraphError.
 */

const HOUR = 3_600_000;
export const INSTAGRAM_WINDOW_MS = 24 * HOUR;
export const INSTAGRAM_HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;
export const WHATSAPP_WINDOW_MS = 24 * HOUR;

export interface InjectedFailure {
  channel: SandboxChannel;
  code: number;
  httpStatus?: number;
  message?: string;
  /** WhatsApp: accept the send, then report the failure as an async `failed` status. */
  asStatus?: boolean;
}

/** Injected Graph failures (consumed one per send, per channel) and an answer delay. */
export class SendFaults {
  private readonly pending: InjectedFailure[] = [];
  latencyMs = 0;

  failNext(injection: InjectedFailure & { count: number }): void {
    const { count, ...failure } = injection;
    for (let i = 0; i < count; i++) this.pending.push({ ...failure });
  }

  take(channel: SandboxChannel): InjectedFailure | undefined {
    const index = this.pending.findIndex((f) => f.channel === channel);
    return index === -1 ? undefined : this.pending.splice(index, 1)[0];
  }
}

/** Kept beside an Instagram send's body: the id of the platform's copy of its attachment. */
export const FETCHED_MEDIA = 'sandbox_fetched_media_id';

export interface SendContext {
  instagramAccountId: string;
  whatsappPhoneNumberId: string;
  state: PlatformState;
  /** The business's message templates, as Meta holds them. */
  templates: SandboxTemplate[];
  now(): number;
  takeInjectedFailure(channel: SandboxChannel): InjectedFailure | undefined;
  enqueueInstagram(item: InstagramQueueItem): void;
  enqueueWhatsApp(item: WhatsAppQueueItem): void;
}

const igBody = z.looseObject({
  recipient: z.looseObject({ id: z.string().min(1) }),
  messaging_type: z.string().optional(),
  tag: z.string().optional(),
  sender_action: z.string().optional(),
  message: z
    .looseObject({
      text: z.string().optional(),
      quick_replies: z.array(z.unknown()).optional(),
      attachment: z
        .looseObject({
          type: z.string(),
          payload: z.looseObject({ text: z.string().optional(), buttons: z.array(z.unknown()).optional(), template_type: z.string().optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
});

/** `fetchedMediaId`: the platform's copy of an attachment it fetched from its URL, for the customer's phone. */
export async function handleInstagramSend(ctx: SendContext, pathId: string, raw: unknown, fetchedMediaId?: string): Promise<Record<string, string>> {
  if (pathId !== 'me' && pathId !== ctx.instagramAccountId) throw unknownObject('instagram', pathId);
  const injected = ctx.takeInjectedFailure('instagram');
  if (injected) throw injectedError('instagram', injected.code, injected.httpStatus, injected.message);

  const parsed = igBody.safeParse(raw);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'recipient');
    throw invalidParameter('instagram', `The parameter ${field} is required`);
  }
  const body = parsed.data;
  if (!body.message && !body.sender_action) throw invalidParameter('instagram', 'The parameter message is required');
  if (body.message) validateInstagramMessage(body.message);

  const customer = await ctx.state.findCustomer({ igsid: body.recipient.id });
  if (!customer) throw instagramNoSuchUser();
  if (body.sender_action) return { recipient_id: customer.igsid };

  const humanAgent = body.tag === 'HUMAN_AGENT';
  const window = humanAgent ? INSTAGRAM_HUMAN_AGENT_WINDOW_MS : INSTAGRAM_WINDOW_MS;
  const last = await lastCustomerMessageAt(ctx.state, customer.id, 'instagram');
  if (last === undefined || ctx.now() - last > window) throw instagramOutsideWindow();

  const now = ctx.now();
  const mid = newInstagramMid(ctx.instagramAccountId);
  await ctx.state.insertMessage({
    id: mid, customerId: customer.id, channel: 'instagram', direction: 'to_customer',
    externalId: mid, body: fetchedMediaId ? { ...(raw as object), [FETCHED_MEDIA]: fetchedMediaId } : raw, status: 'sent', createdAt: now,
  });
  // Meta echoes the business's own message back through the messages subscription.
  ctx.enqueueInstagram({
    accountId: ctx.instagramAccountId,
    messaging: {
      sender: { id: ctx.instagramAccountId },
      recipient: { id: customer.igsid },
      timestamp: now,
      message: echoOf(mid, body.message!),
    },
  });
  return { recipient_id: customer.igsid, message_id: mid };
}

function validateInstagramMessage(message: NonNullable<z.infer<typeof igBody>['message']>): void {
  if (message.text === undefined && !message.attachment) throw invalidParameter('instagram', 'Message cannot be empty, must provide valid attachment or text');
  if (message.text !== undefined && Buffer.byteLength(message.text, 'utf8') > 1000) {
    throw invalidParameter('instagram', 'Length of param message[text] must be less than or equal to 1000');
  }
  if (message.quick_replies && message.quick_replies.length > 13) {
    throw invalidParameter('instagram', 'param message[quick_replies] must have a maximum of 13 elements');
  }
  const payload = message.attachment?.payload;
  if (message.attachment?.type === 'template' && payload?.template_type === 'button') {
    const count = payload.buttons?.length ?? 0;
    if (count < 1 || count > 3) throw invalidParameter('instagram', 'param message[attachment][payload][buttons] must have between 1 and 3 elements');
    if ([...(payload.text ?? '')].length > 640) {
      throw invalidParameter('instagram', 'Length of param message[attachment][payload][text] must be less than or equal to 640');
    }
  }
}

function echoOf(mid: string, message: NonNullable<z.infer<typeof igBody>['message']>): Record<string, unknown> {
  const echo: Record<string, unknown> = { mid };
  if (message.text !== undefined) echo.text = message.text;
  if (message.attachment) echo.attachments = [{ type: message.attachment.type, payload: message.attachment.payload ?? {} }];
  echo.is_echo = true;
  return echo;
}

const waBody = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  to: z.string().optional(),
  recipient: z.string().optional(),
  type: z.string().optional(),
  status: z.string().optional(),
  message_id: z.string().optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: z
    .looseObject({ type: z.string(), action: z.looseObject({ buttons: z.array(z.unknown()).optional() }).optional() })
    .optional(),
  template: z
    .looseObject({
      name: z.string(),
      language: z.looseObject({ code: z.string() }),
      components: z.array(z.looseObject({ type: z.string(), parameters: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).optional() })).optional(),
    })
    .optional(),
});

const SENDABLE = new Set(['text', 'image', 'video', 'audio', 'document', 'sticker', 'interactive', 'template', 'location', 'contacts', 'reaction']);

export async function handleWhatsAppSend(ctx: SendContext, pathId: string, raw: unknown): Promise<Record<string, unknown>> {
  if (pathId !== ctx.whatsappPhoneNumberId) throw unknownObject('whatsapp', pathId);
  const injected = ctx.takeInjectedFailure('whatsapp');
  if (injected && !injected.asStatus) throw injectedError('whatsapp', injected.code, injected.httpStatus, injected.message);

  const parsed = waBody.safeParse(raw);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'messaging_product');
    throw invalidParameter('whatsapp', `The parameter ${field} is required.`);
  }
  const body = parsed.data;
  if (body.status !== undefined) return markRead(ctx, body.status, body.message_id);

  const type = body.type ?? 'text';
  if (!SENDABLE.has(type)) throw invalidParameter('whatsapp', `Param type must be one of {${[...SENDABLE].join(', ')}}`);
  if (type === 'text' && (!body.text || body.text.body.length > 4096)) {
    throw invalidParameter('whatsapp', 'Param text[body] is required and must be at most 4096 characters');
  }
  if (type === 'interactive' && body.interactive?.type === 'button') {
    const count = body.interactive.action?.buttons?.length ?? 0;
    if (count < 1 || count > 3) {
      throw graphError('whatsapp', { code: 131009, message: '(#131009) Parameter value is not valid', details: 'Buttons count should be between 1 and 3' });
    }
  }
  if (type === 'template') {
    if (!body.template) throw invalidParameter('whatsapp', 'The parameter template is required.');
    checkTemplateSend(ctx.templates, body.template);
  }

  // `to` wins over `recipient` when both are given (reference §3.1).
  let customer: SandboxCustomer | undefined;
  let addressedBy: 'phone' | 'bsuid';
  if (body.to !== undefined) {
    addressedBy = 'phone';
    customer = await ctx.state.findCustomer({ phone: `+${digitsOf(body.to)}` });
  } else if (body.recipient !== undefined) {
    addressedBy = 'bsuid';
    customer = await ctx.state.findCustomer({ bsuid: body.recipient });
  } else {
    throw invalidParameter('whatsapp', 'The parameter to is required.');
  }
  if (!customer) throw whatsappUndeliverable();

  const last = await lastCustomerMessageAt(ctx.state, customer.id, 'whatsapp');
  const windowOpen = last !== undefined && ctx.now() - last <= WHATSAPP_WINDOW_MS;
  if (type !== 'template' && !windowOpen) throw whatsappOutsideWindow();

  const now = ctx.now();
  const wamid = newWamid(addressedBy === 'phone' ? digitsOf(customer.phone ?? '') : customer.bsuid);
  const failed = injected?.asStatus === true;
  await ctx.state.insertMessage({
    id: wamid, customerId: customer.id, channel: 'whatsapp', direction: 'to_customer',
    externalId: wamid, body: raw, status: failed ? 'failed' : 'delivered', createdAt: now,
  });
  const status = (s: 'sent' | 'delivered' | 'failed') =>
    ctx.enqueueWhatsApp({
      kind: 'status',
      status: whatsappStatus({
        wamid, status: s, timestampMs: now, customer: customer!, addressedBy,
        error: s === 'failed' ? failureDetails(injected!) : undefined,
      }),
    });
  if (failed) status('failed');
  else {
    status('sent');
    status('delivered');
  }
  const contact = addressedBy === 'phone'
    ? { input: body.to!, wa_id: digitsOf(customer.phone!) }
    : { input: body.recipient!, user_id: customer.bsuid };
  return { messaging_product: 'whatsapp', contacts: [contact], messages: [{ id: wamid }] };
}

function failureDetails(f: InjectedFailure) {
  const title = f.code === 131047 ? 'Re-engagement message' : f.message ?? 'Message failed to send';
  return {
    code: f.code,
    title,
    message: f.message ?? title,
    details: f.code === 131047 ? WHATSAPP_WINDOW_DETAILS : f.message ?? title,
  };
}

async function markRead(ctx: SendContext, status: string, messageId: string | undefined): Promise<{ success: boolean }> {
  if (status !== 'read' || !messageId) throw invalidParameter('whatsapp', 'Param status must be "read" with a message_id');
  const message = await ctx.state.getMessageByExternalId(messageId);
  if (!message || message.channel !== 'whatsapp' || message.direction !== 'from_customer') {
    throw invalidParameter('whatsapp', `Invalid parameter message_id: ${messageId}`);
  }
  await ctx.state.updateMessageStatus(messageId, 'read');
  return { success: true };
}

/** When the customer last wrote on a channel: opens (and resets) the 24-hour window. */
export async function lastCustomerMessageAt(state: PlatformState, customerId: string, channel: SandboxChannel): Promise<number | undefined> {
  const inbound = (await state.listMessages({ customerId, channel, direction: 'from_customer' })).filter((m) => m.status !== 'system');
  return inbound.length ? Math.max(...inbound.map((m) => m.createdAt)) : undefined;
}
