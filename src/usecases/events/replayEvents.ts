import type { AppContext } from '../../context';
import type { StoredEvent } from '../../store/repositories/events';

/** At most this many missed events are replayed to a reconnecting tab; it refetches beyond that. */
const REPLAY_LIMIT = 1000;

/**
 * Where a live stream starts. A reconnecting tab (its last event id) gets what it missed, from
 * the events table; a fresh tab gets nothing to replay and the id of "now", so that its next
 * reconnect can replay from there.
 */
export async function replayEvents(ctx: AppContext, input: { workspaceId: string; lastEventId: number }): Promise<{ missed: StoredEvent[]; now: number }> {
  const { events } = ctx.store.repos;
  if (input.lastEventId > 0) {
    const missed = await events.since(input.workspaceId, input.lastEventId, REPLAY_LIMIT);
    return { missed, now: missed.at(-1)?.id ?? input.lastEventId };
  }
  return { missed: [], now: await events.latestId(input.workspaceId) };
}
