import type { AppContext } from '../../context';
import { sendOutboundMessage } from '../messages/sendOutboundMessage';

/**
 * The messages a paused channel kept pending, sent oldest first, each at most once (a row that is
 * no longer pending is skipped). A transient failure is thrown for the job to retry later, from
 * the first message still waiting; a token that breaks again pauses the rest.
 */
export async function sendWaitingMessages(ctx: AppContext, input: { channelId: string }): Promise<number> {
  let sent = 0;
  for (const messageId of await ctx.store.repos.messages.pendingOutboundIds(input.channelId)) {
    const result = await sendOutboundMessage(ctx, { messageId, lastAttempt: false });
    if (result.outcome === 'paused') break;
    if (result.outcome === 'sent') sent += 1;
  }
  return sent;
}
