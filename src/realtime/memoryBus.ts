import type { EventBus, StoredEvent } from './bus';

/** One process: subscribers are called synchronously on publish. */
export function createMemoryBus(): EventBus {
  const listeners = new Set<(event: StoredEvent) => void>();
  return {
    async publish(events) {
      for (const event of events) for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
