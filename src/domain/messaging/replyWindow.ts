import { CHANNEL_NAME } from '../shared/channelKind';
import { conflict, type AppError } from '../shared/errors';

/**
 * Instagram and WhatsApp let a business reply freely for 24 hours after the customer's last
 * message; after that the platform refuses the send. Braid checks the window before queueing a
 * send so the agent is told why, in words, instead of seeing a failed message later.
 */
export const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Instagram lets a person (never an automation) answer with the HUMAN_AGENT tag for 7 days. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export type ReplyChannel = 'instagram' | 'whatsapp';

export interface ReplyWindow {
  open: boolean;
  /** When the window closes (or closed); null when the customer never wrote. */
  closesAt: number | null;
  /** Present when the window is closed because it ran out. */
  closedAt?: number;
  /** Instagram, after the 24 hours: until when an agent may still reply as a human agent. */
  humanAgentUntil?: number;
}

/**
 * The window as of `now`. The end instant itself is outside (Meta counts 24 hours, not 24 hours
 * and a moment). A last message in the future (clock skew between Meta and us) keeps it open.
 */
export function replyWindow(lastInboundAt: number | null, now: number): ReplyWindow {
  if (lastInboundAt === null || !Number.isFinite(lastInboundAt)) return { open: false, closesAt: null };
  const closesAt = lastInboundAt + REPLY_WINDOW_MS;
  return now < closesAt ? { open: true, closesAt } : { open: false, closesAt, closedAt: closesAt };
}


/** "2026-11-27 10:00 UTC": unambiguous for agents in any country and stable in tests. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The window as an agent (a person) sees it: on Instagram, 24 hours to 7 days after the customer's
 * last message a reply may still go out, tagged HUMAN_AGENT. Automations never get this.
 */
export function agentReplyWindow(channel: ReplyChannel, lastInboundAt: number | null, now: number): ReplyWindow {
  const window = replyWindow(lastInboundAt, now);
  if (window.open || channel !== 'instagram' || window.closedAt === undefined) return window;
  const humanAgentUntil = lastInboundAt! + HUMAN_AGENT_WINDOW_MS;
  return now < humanAgentUntil ? { ...window, humanAgentUntil } : window;
}

/**
 * The sentence the composer shows when a send is refused, or null when the window is open.
 * It says when and why it closed and what reopens it. `by: 'agent'` counts Instagram's human-agent days.
 */
export function replyWindowClosedMessage(channel: ReplyChannel, lastInboundAt: number | null, now: number, by: 'agent' | 'automation' = 'automation'): string | null {
  const window = by === 'agent' ? agentReplyWindow(channel, lastInboundAt, now) : replyWindow(lastInboundAt, now);
  if (window.open || window.humanAgentUntil !== undefined) return null;
  const name = CHANNEL_NAME[channel];
  if (window.closedAt === undefined) {
    return `The customer has not written on ${name} yet. ${name} only lets a business reply after the customer's message.`;
  }
  if (by === 'agent' && channel === 'instagram') {
    return (
      `The Instagram reply window closed at ${formatUtc(lastInboundAt! + HUMAN_AGENT_WINDOW_MS)} (7 days after the customer's last message, the end of human agent replies). ` +
      `You can reply again as soon as the customer writes on Instagram.`
    );
  }
  return (
    `The ${name} reply window closed at ${formatUtc(window.closedAt)} (24 hours after the customer's last message). ` +
    `You can reply again as soon as the customer writes on ${name}.`
  );
}

/** A 409 `reply_window_closed` with the sentence above, or null when a send may go out. */
export function replyWindowError(channel: ReplyChannel, lastInboundAt: number | null, now: number, by: 'agent' | 'automation' = 'automation'): AppError | null {
  const message = replyWindowClosedMessage(channel, lastInboundAt, now, by);
  if (message === null) return null;
  const { closedAt } = replyWindow(lastInboundAt, now);
  const closed = by === 'agent' && channel === 'instagram' && closedAt !== undefined ? lastInboundAt! + HUMAN_AGENT_WINDOW_MS : closedAt;
  return conflict('reply_window_closed', message, { channel, closedAt: closed ?? null });
}
