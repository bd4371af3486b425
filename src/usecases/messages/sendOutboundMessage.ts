import { GraphApiError } from '../../channels/meta/graphApi';
import type { AppContext } from '../../context';
import { isTokenProblem, tokenProblemReason } from '../../domain/channels/tokenHealth';
import { outboundContentSchema } from '../../domain/messaging/outbound';
import type { Channel } from '../../store/repositories/channels';
import type { Message } from '../../store/repositories/messages';
import { graphForChannel } from '../channels/steps/channelAccess';
import { prepareOutboundFile } from '../media/steps/outboundFile';
import { sendContent, UnsendableContentError } from './steps/sendContent';
import { addSystemItem } from './steps/systemItems';

export interface SendOutboundInput {
  messageId: string;
  /** True on the job's last attempt: a transient failure then ends the row as failed. */
  lastAttempt: boolean;
}

export type SendOutcome =
  | { outcome: 'sent'; externalId: string }
  | { outcome: 'skipped'; reason: string }
  /** The channel's token does not work: the row stays pending until the token is replaced. */
  | { outcome: 'paused'; reason: string }
  | { outcome: 'failed'; code: string; title: string };

/** Thrown for a failure worth retrying (network, 5xx, 429, rate limits); the worker backs off. */
export class TransientSendError extends Error {}

/** Meta accepted the message but Braid could not store its id: retrying would send it twice. */
export class SentButNotRecordedError extends Error {}

/**
 * Sends one outbound row through the Graph API and records what Meta said.
 *
 * A row is sent at most once: only a `pending` row is sent, and the job that runs this is keyed
 * by the row id. Success stores the mid / wamid (so echoes and status webhooks find the row);
 * a permanent refusal marks the row failed with Meta's code and explanation, shown to the agent.
 */
export async function sendOutboundMessage(ctx: AppContext, input: SendOutboundInput): Promise<SendOutcome> {
  const { repos } = ctx.store;
  const message = await repos.messages.findById(input.messageId);
  if (!message) return { outcome: 'skipped', reason: 'the message no longer exists' };
  if (message.direction !== 'outbound' || message.status !== 'pending') {
    return { outcome: 'skipped', reason: `the message is ${message.status}, not pending` };
  }
  const conversation = await repos.conversations.get(message.workspaceId, message.conversationId);
  const identity = conversation && (await repos.identities.get(message.workspaceId, conversation.identityId));
  if (!identity) return markFailed(ctx, message, 'no_recipient', 'The conversation’s customer no longer exists.');
  const content = outboundContentSchema.safeParse(message.payload.outbound);
  if (!content.success) return markFailed(ctx, message, 'invalid_content', 'The message content cannot be sent as stored.');
  const channel = await repos.channels.get(message.workspaceId, identity.channelId);
  if (!channel || channel.disconnectedAt !== null) {
    return markFailed(ctx, message, 'channel_disconnected', 'This account is disconnected from Braid; connect it again in Settings → Channels to send.');
  }
  if (channel.status === 'needs_attention') return { outcome: 'paused', reason: channel.statusReason ?? 'the channel needs attention' };

  if (message.payload[SEND_STARTED] !== undefined) {
    // An earlier attempt died between asking Meta and hearing back: Meta may have the message.
    if (message.payload[RESENT] !== undefined) return markFailed(ctx, message, 'send_interrupted', INTERRUPTED_TWICE);
    message.payload = { ...message.payload, [RESENT]: ctx.clock.now() };
    await ctx.store.transaction(async (trx) => {
      await trx.messages.updatePayload(message.id, { payload: message.payload });
      await addSystemItem(trx, conversation, { type: 'note', text: RESENT_NOTE, payload: { messageId: message.id, reason: 'send_interrupted' }, authorId: null }, ctx.clock.now());
    });
  } else {
    await ctx.store.repos.messages.updatePayload(message.id, { payload: { ...message.payload, [SEND_STARTED]: ctx.clock.now() } });
  }
  const { [SEND_STARTED]: _started, ...answered } = message.payload;

  let externalId: string;
  try {
    // Each account speaks with its own token: the reply goes out through the conversation's account.
    const graph = graphForChannel(ctx, channel);
    const file = content.data.kind === 'file' ? await prepareOutboundFile(ctx, graph, identity.kind, message.workspaceId, content.data) : undefined;
    externalId = (await sendContent(graph, identity, content.data, { humanAgent: message.payload.messagingTag === 'HUMAN_AGENT', file })).messageId;
  } catch (error) {
    if (error instanceof UnsendableContentError) return markFailed(ctx, message, 'unsupported_content', error.message);
    if (!(error instanceof GraphApiError)) throw error;
    const retried = isTokenProblem(error) || (error.transient && !input.lastAttempt);
    // Meta answered, so it does not have the message: the next attempt is an ordinary one.
    if (retried) await ctx.store.repos.messages.updatePayload(message.id, { payload: answered });
    if (isTokenProblem(error)) return pauseChannel(ctx, channel, tokenProblemReason(error));
    if (error.transient && !input.lastAttempt) throw new TransientSendError(error.message);
    return markFailed(ctx, message, graphErrorCode(error), graphErrorTitle(error));
  }

  await recordSent(ctx, message, externalId);
  return { outcome: 'sent', externalId };
}

/**
 * Set on the row just before Meta is asked, cleared once its answer is stored. Found set on a
 * later run, it means a process died in between (Meta may have accepted the message): the message
 * is sent once more and the thread says so; if that attempt dies too, it is not sent a third time.
 */
const SEND_STARTED = 'sendStartedAt';
const RESENT = 'resentAfterInterruptionAt';
export const RESENT_NOTE =
  'Braid stopped while sending the reply below, after Meta may already have accepted it, and sent it again: the customer may see it twice.';
const INTERRUPTED_TWICE =
  'Braid stopped twice while sending this message, so it was not sent a third time. It may or may not have reached the customer: send it again if needed.';

/**
 * Meta has the message now: failing to note that must not lead to a second send. The write is
 * tried a few times; if the database still refuses, the job stops for good (the row stays
 * pending and the log says why) rather than be retried into sending the message again.
 */
async function recordSent(ctx: AppContext, message: Message, externalId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.store.transaction(async (trx) => {
        await trx.messages.markSent(message.id, externalId);
        const shown = message.payload.outboundOnceSent;
        const { [SEND_STARTED]: _started, outboundOnceSent: _sent, ...payload } = message.payload;
        // The content may have carried a secret (an invite code, a Not me token) that only the customer may hold.
        await trx.messages.updatePayload(message.id, { payload: shown ? { ...payload, outbound: shown } : payload });
        await trx.events.record(
          message.workspaceId,
          'message.updated',
          { conversationId: message.conversationId, messageId: message.id, status: 'sent' },
          ctx.clock.now(),
        );
      });
      return;
    } catch (error) {
      if (attempt >= 3) {
        ctx.logger.error({ err: error, messageId: message.id, externalId }, 'message was sent but its id could not be stored');
        throw new SentButNotRecordedError(`sent as ${externalId}, but storing that failed: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/**
 * The token stopped working: every send of the channel would fail the same way, so none is
 * failed. The channel is marked Needs attention (admins see why and what to do) and its sends wait
 * for a new token, which queues them again in order.
 */
async function pauseChannel(ctx: AppContext, channel: Channel, reason: string): Promise<SendOutcome> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (trx) => {
    await trx.channels.setStatus(channel.id, 'needs_attention', reason);
    await trx.events.record(channel.workspaceId, 'channel.updated', { channelId: channel.id, status: 'needs_attention' }, now);
  });
  ctx.logger.warn({ channelId: channel.id, reason }, 'channel token no longer works; its sends wait');
  return { outcome: 'paused', reason };
}

async function markFailed(ctx: AppContext, message: Message, code: string, title: string): Promise<SendOutcome> {
  await ctx.store.transaction(async (trx) => {
    await trx.messages.advanceStatus(message.id, 'failed', { code, title });
    await trx.events.record(
      message.workspaceId,
      'message.updated',
      { conversationId: message.conversationId, messageId: message.id, status: 'failed' },
      ctx.clock.now(),
    );
  });
  return { outcome: 'failed', code, title };
}

function graphErrorCode(error: GraphApiError): string {
  if (error.code !== undefined) return String(error.code);
  return error.httpStatus !== undefined ? `http_${error.httpStatus}` : 'network';
}

/** "Re-engagement message: Message failed to send because more than 24 hours have passed…" */
function graphErrorTitle(error: GraphApiError): string {
  const headline = (error.title ?? error.message).replace(/^\(#\d+\)\s*/, '').trim();
  const details = error.details?.trim();
  const text = details && details !== headline ? `${headline}: ${details}` : headline;
  return text.slice(0, 1000) || 'Meta refused the message.';
}
