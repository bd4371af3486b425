import type { AppContext } from '../../context';
import type { LiveEventCursor } from '../../domain/events/liveEventCursor';
import type { StoredEvent } from '../../store/repositories/events';

/** At most this many missed events are replayed to a reconnecting tab; it refetches beyond that. */
const REPLAY_LIMIT = 1000;

/**
 * Where a live stream starts. A reconnecting tab (its cursor) gets what it missed from the events
 * table: every later event, and every earlier one that committed after the tab's last one did (a
 * concurrent transaction's). A fresh tab gets nothing to replay and the newest event ("now"), so
 * that its next reconnect can replay from there.
 */
export async function replayEvents(
  ctx: AppContext,
  input: { workspaceId: string; cursor: LiveEventCursor },
): Promise<{ missed: StoredEvent[]; now?: StoredEvent }> {
  const { events } = ctx.store.repos;
  const { afterId, seenBelow } = input.cursor;
  if (afterId > 0) return { missed: await events.missedAfter(input.workspaceId, afterId, seenBelow, REPLAY_LIMIT) };
  return { missed: [], now: await events.latest(input.workspaceId) };
}
