import type { Logger } from 'pino';
import type { Store } from '../store/store';
import type { EventBus } from './bus';

/**
 * Live updates start here: every event a transaction recorded is published on the bus once that
 * transaction has committed (a rolled-back one publishes nothing). A failed publish loses nothing
 * for good: the events are in the events table, and a tab replays them by id when it reconnects.
 */
export function publishCommittedEvents(store: Store, bus: EventBus, logger: Logger): void {
  store.onCommit((effects) => {
    if (effects.events.length === 0) return;
    void bus.publish(effects.events).catch((err) => logger.error({ err }, 'publishing events failed'));
  });
}
