import type { EventBus, StoredEvent } from './bus';

const CHANNEL = 'braid:events';

/** Several Braid processes: events go through Redis pub/sub so every process's tabs see them. */
export async function createRedisBus(url: string, channel = CHANNEL): Promise<EventBus> {
  // Loaded only when Redis is configured: a single process starts without it.
  const { Redis } = await import('ioredis');
  const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(channel);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw new Error(`Cannot reach Redis at ${url}: ${(error as Error).message}. Start Redis or unset REDIS_URL.`);
  }
  const listeners = new Set<(event: StoredEvent) => void>();
  subscriber.on('message', (_channel, message) => {
    const event = JSON.parse(message) as StoredEvent;
    for (const listener of listeners) listener(event);
  });
  return {
    async publish(events) {
      for (const event of events) await publisher.publish(channel, JSON.stringify(event));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
