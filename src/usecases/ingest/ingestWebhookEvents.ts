import type { InboundEvent, ParseResult, ReferralEvent } from '../../channels/events';
import { instagramWebhookSteps } from '../../channels/instagram/webhook';
import { whatsAppWebhookSteps } from '../../channels/whatsapp/webhook';
import type { AppContext } from '../../context';
import { newId } from '../../domain/shared/ids';
import type { Channel } from '../../store/repositories/channels';
import type { ChannelKind } from '../../store/schema';
import { applyDeliveryStatus } from './steps/applyDeliveryStatus';
import { applyMessageChange } from './steps/applyMessageChange';
import { ensureCustomerThread } from './steps/ensureCustomerThread';
import { cleanText, emptyTally, type IngestScope, type IngestTally } from './steps/ingestScope';
import { moveWhatsAppIdentity } from './steps/moveWhatsAppIdentity';
import { storeInboundMessage } from './steps/storeInboundMessage';
import { timeSlices } from './steps/timeSlices';
import { newMessage } from '../messages/steps/newMessage';
import { detectInstagramReferralJob } from '../contactMerge/jobs';
import { sealReferral } from './steps/sealReferral';

export interface IngestWebhookInput {
  channel: ChannelKind;
  /** The body exactly as received; its signature has been checked by the caller. */
  rawBody: Buffer;
  /** Accounts whose own app secret did not sign the body: their entries are rejected, never stored. */
  unsignedAccounts?: ReadonlyMap<string, string>;
}

export interface IngestResult {
  deliveryId: string;
  outcome: 'accepted' | 'rejected';
  reason: string | null;
  stored: number;
  duplicates: number;
  rejected: number;
}

/** Platform times outside this range are broken or forged; storing them would break ordering. */
const EARLIEST_TS = Date.UTC(2000, 0, 1);
const LATEST_TS = Date.UTC(2200, 0, 1);

/**
 * One signed webhook POST: the raw delivery and everything it says, written in one transaction,
 * so a crash leaves either all of it or none of it (Meta then redelivers). A large one is read and
 * applied in time slices, so the process keeps answering meanwhile (reads outside the transaction
 * do not wait for it; writes wait for its commit). The work the events cause (profile fetch,
 * automations, invite codes) is queued as jobs in the same transaction.
 * Bodies Braid cannot use are kept as rejected deliveries with the reason, and still acknowledged,
 * so Meta does not disable the webhook over a payload it will never send differently.
 */
export async function ingestWebhookEvents(ctx: AppContext, input: IngestWebhookInput): Promise<IngestResult> {
  const now = ctx.clock.now();
  const body = cleanText(input.rawBody.toString('utf8')) ?? '';
  const parsed = await parseBody(input.channel, body);
  if (!parsed.ok) return recordRejected(ctx, input.channel, body, parsed.reason, now);

  const parseProblems = parsed.rejected.map((r) => r.reason);
  const events: InboundEvent[] = [];
  for (const event of parsed.events) {
    if (Number.isSafeInteger(event.timestamp) && event.timestamp >= EARLIEST_TS && event.timestamp < LATEST_TS) events.push(event);
    else parseProblems.push(`${event.eventKey}: timestamp ${event.timestamp} is out of range`);
  }
  // Threads are ordered by the platform's time, not arrival: apply a batch in that order too.
  events.sort((a, b) => a.timestamp - b.timestamp);

  let result: IngestResult;
  try {
    result = await retryOnKeyRace(ctx, () => ingestInTransaction(ctx, input.channel, body, events, parseProblems, now, input.unsignedAccounts));
  } catch (error) {
    if (isStorageOutage(ctx, error)) throw error;
    // A body that trips a bug must not be retried by Meta forever: keep it, say why, acknowledge.
    ctx.logger.error({ err: error, channel: input.channel }, 'webhook delivery could not be ingested');
    return recordRejected(ctx, input.channel, body, `internal error: ${(error as Error).message}`.slice(0, 500), now);
  }
  ctx.metrics.webhookDeliveries.inc({ channel: input.channel, outcome: result.outcome });
  ctx.metrics.webhookEvents.inc({ channel: input.channel, outcome: 'stored' }, result.stored);
  ctx.metrics.webhookEvents.inc({ channel: input.channel, outcome: 'duplicate' }, result.duplicates);
  ctx.metrics.webhookEvents.inc({ channel: input.channel, outcome: 'rejected' }, result.rejected);
  if (result.outcome === 'rejected') ctx.logger.warn({ channel: input.channel, reason: result.reason }, 'webhook delivery rejected');
  return result;
}

/** Reads the delivery's items in time slices: thousands of them take longer than a request may wait. */
async function parseBody(kind: ChannelKind, body: string): Promise<ParseResult> {
  let json: unknown;
  try {
    // PostgreSQL refuses NUL in text (and in query parameters): drop escaped NULs while parsing.
    json = body.includes('\\u0000') ? JSON.parse(body, (_key, value) => (typeof value === 'string' ? cleanText(value) : value)) : JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  const steps = kind === 'instagram' ? instagramWebhookSteps(json) : whatsAppWebhookSteps(json);
  const slices = timeSlices();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slices.pause();
  }
}

async function ingestInTransaction(
  ctx: AppContext,
  kind: ChannelKind,
  body: string,
  events: InboundEvent[],
  parseProblems: string[],
  now: number,
  unsignedAccounts: ReadonlyMap<string, string> = new Map(),
): Promise<IngestResult> {
  return ctx.store.groupedTransaction(async (repos) => {
    // A large delivery is still one transaction, but lets other requests run between slices.
    const slices = timeSlices();
    const tally = emptyTally();
    tally.rejected.push(...parseProblems);
    const channels = new Map<string, Channel | null>();
    for (const event of events) {
      let channel = channels.get(event.accountId);
      if (channel === undefined) {
        channel = (await repos.channels.findByExternalId(kind, event.accountId)) ?? null;
        channels.set(event.accountId, channel);
      }
      if (!channel) {
        tally.rejected.push(`${event.eventKey}: account ${event.accountId} is not connected to Braid`);
        continue;
      }
      const unsigned = unsignedAccounts.get(event.accountId);
      if (unsigned) {
        tally.rejected.push(`${event.eventKey}: ${unsigned}`);
        continue;
      }
      await applyEvent({ repos, channel, now, tally }, event);
      await slices.pause();
    }
    for (const [conversationId, workspaceId] of tally.touchedConversations) {
      await repos.events.record(workspaceId, 'conversation.updated', { conversationId }, now);
      await slices.pause();
    }
    const handled = tally.stored + tally.duplicates + tally.unknownTargets.length;
    const outcome = handled > 0 || tally.rejected.length === 0 ? 'accepted' : 'rejected';
    const reason = describe(tally);
    const deliveryId = newId();
    const firstChannel = [...channels.values()].find((c): c is Channel => c !== null);
    await repos.channels.noteWebhook(
      [...channels.values()].filter((c): c is Channel => c !== null && !unsignedAccounts.has(c.externalId)).map((c) => c.id),
      now,
    );
    await repos.deliveries.insert({
      id: deliveryId,
      channelKind: kind,
      channelId: firstChannel?.id ?? null,
      receivedAt: now,
      body,
      outcome,
      reason,
      events: events.length,
    });
    return { deliveryId, outcome, reason, stored: tally.stored, duplicates: tally.duplicates, rejected: tally.rejected.length };
  });
}

async function applyEvent(scope: IngestScope, event: InboundEvent): Promise<void> {
  switch (event.kind) {
    case 'message':
      return storeInboundMessage(scope, event);
    case 'status':
      return applyDeliveryStatus(scope, event);
    case 'reaction':
    case 'read':
    case 'deleted':
    case 'edit':
      return applyMessageChange(scope, event);
    case 'identity_changed':
      return moveWhatsAppIdentity(scope, event);
    case 'referral':
      return noteReferral(scope, event);
  }
}

/** An ig.me link with `?ref=` opened the thread: the customer exists now; the ref is kept on the contact's identity thread. */
async function noteReferral(scope: IngestScope, event: ReferralEvent): Promise<void> {
  const thread = await ensureCustomerThread(scope, event.customer);
  if (!thread) {
    scope.tally.rejected.push(`${event.eventKey}: the sender has no id`);
    return;
  }
  const sealed = scope.channel.kind === 'instagram' ? sealReferral(event.referral) : null;
  const ref = sealed?.referral.ref ?? event.referral.ref;
  const referral = newMessage(
    thread.conversation,
    {
      direction: 'system',
      externalId: event.eventKey.slice(0, 500),
      type: 'referral',
      text: cleanText(ref ? `Opened the conversation from a link (ref: ${ref})` : 'Opened the conversation from a link'),
      payload: { referral: sealed?.referral ?? event.referral },
      status: 'received',
      sentBy: 'system',
      platformTs: event.timestamp,
    },
    scope.now,
  );
  const inserted = await scope.repos.messages.insertIfNew(referral);
  if (!inserted) {
    scope.tally.duplicates += 1;
    return;
  }
  scope.tally.stored += 1;
  scope.tally.touchedConversations.set(thread.conversation.id, scope.channel.workspaceId);
  await scope.repos.events.record(scope.channel.workspaceId, 'message.created', { conversationId: thread.conversation.id, messageId: referral.id }, scope.now);
  if (sealed) {
    await scope.repos.jobs.enqueue(detectInstagramReferralJob.of({ messageId: referral.id }, { key: `invite.referral:${referral.id}` }), scope.now);
  }
}

function describe(tally: IngestTally): string | null {
  const notes = [...tally.rejected, ...tally.unknownTargets];
  if (notes.length === 0) return null;
  const shown = notes.slice(0, 20).join('; ');
  return notes.length > 20 ? `${shown}; and ${notes.length - 20} more` : shown;
}

async function recordRejected(ctx: AppContext, kind: ChannelKind, body: string, reason: string, now: number): Promise<IngestResult> {
  const deliveryId = newId();
  await ctx.store.repos.deliveries.insert({ id: deliveryId, channelKind: kind, channelId: null, receivedAt: now, body, outcome: 'rejected', reason, events: 0 });
  ctx.metrics.webhookDeliveries.inc({ channel: kind, outcome: 'rejected' });
  ctx.logger.warn({ channel: kind, reason }, 'webhook delivery rejected');
  return { deliveryId, outcome: 'rejected', reason, stored: 0, duplicates: 0, rejected: 1 };
}

/**
 * Two deliveries about the same new customer can race to create it (PostgreSQL runs them in
 * parallel); the loser hits a unique index and rolls back. Running it again finds the winner's rows.
 */
async function retryOnKeyRace<T>(ctx: AppContext, work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || ctx.store.failureOf(error) !== 'unique_violation') throw error;
    }
  }
}

/** The database is down, busy or read-only: answer 5xx so Meta redelivers later, rather than drop the body. */
function isStorageOutage(ctx: AppContext, error: unknown): boolean {
  const failure = ctx.store.failureOf(error);
  return failure !== null && failure !== 'unique_violation';
}
