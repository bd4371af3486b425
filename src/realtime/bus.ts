import type { StoredEvent } from '../store/repositories/events';

export type { StoredEvent } from '../store/repositories/events';

/**
 * The realtime event bus. Guarantees: every event published after a commit reaches every
 * subscriber of every process on the bus, in publish order per process; delivery is
 * best-effort (a tab that misses one replays it from the events table by id).
 */
export interface EventBus {
  publish(events: StoredEvent[]): Promise<void>;
  subscribe(listener: (event: StoredEvent) => void): () => void;
  close(): Promise<void>;
}
