import type { Repositories } from '../../../store/store';
import { sendMessageJob } from '../../messages/jobs';

/**
 * A channel works again (new token): it is marked healthy and every message that waited for it is
 * queued again, oldest first, so the customer gets them in the order they were written. Each job
 * has a key of its own (the first send job of the row is spent); a row is still sent at most once,
 * since only a pending row is sent.
 */
export async function resumeChannelSends(repos: Repositories, channelId: string, now: number): Promise<number> {
  await repos.channels.setStatus(channelId, 'connected', null);
  const waiting = await repos.messages.pendingOutboundIds(channelId);
  // Jobs due at the same time are claimed in id order, and ids follow the order they are made in.
  for (const messageId of waiting) {
    await repos.jobs.enqueue(sendMessageJob.of({ messageId }, { key: `send:${messageId}:resumed:${now}` }), now);
  }
  return waiting.length;
}
