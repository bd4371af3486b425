import type { StatusEvent } from '../../channels/events';
import type { AppContext } from '../../context';
import { applyDeliveryStatus } from './steps/applyDeliveryStatus';
import { emptyTally } from './steps/ingestScope';

export interface LateStatusInput {
  workspaceId: string;
  channelId: string;
  event: StatusEvent;
}

/** The status's message is still unknown; the job retries until it is, or gives up. */
export class StatusTargetUnknownError extends Error {}

/**
 * Meta may deliver a WhatsApp status (sent, or an asynchronous `failed`) before the send call that
 * caused it has returned and Braid has stored the wamid. The webhook then enqueues this; it applies
 * the status once the wamid is known, with the same forward-only rule as on arrival.
 */
export async function applyLateDeliveryStatus(ctx: AppContext, input: LateStatusInput): Promise<void> {
  await ctx.store.transaction(async (repos) => {
    const channel = await repos.channels.get(input.workspaceId, input.channelId);
    if (!channel) return;
    const tally = emptyTally();
    await applyDeliveryStatus({ repos, channel, now: ctx.clock.now(), tally, lateStatus: true }, input.event);
    if (tally.unknownTargets.length > 0) {
      throw new StatusTargetUnknownError(`no message with id ${input.event.externalId} yet`);
    }
  });
}
