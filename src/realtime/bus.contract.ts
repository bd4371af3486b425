import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventBus, StoredEvent } from './bus';

/** The guarantees every EventBus adapter must keep; run against each adapter. */
export function defineEventBusContractTests(name: string, connect: () => Promise<EventBus[]>) {
  describe(`EventBus contract: ${name}`, () => {
    let buses: EventBus[] = [];
    afterEach(async () => {
      await Promise.all(buses.map((bus) => bus.close()));
      buses = [];
    });

    const event = (id: number, workspaceId = 'w1'): StoredEvent => ({ id, workspaceId, type: 'message.created', data: { id }, createdAt: id });
    /** Waits for a condition; fails the test, naming it, if it never holds. */
    const until = (what: string, check: () => boolean) =>
      vi.waitFor(() => {
        if (!check()) throw new Error(`still waiting: ${what}`);
      }, { timeout: 5000, interval: 5 });

    it('delivers published events to every subscriber, in order', async () => {
      buses = await connect();
      const [publisher] = buses;
      const seen: number[][] = buses.map(() => []);
      buses.forEach((bus, i) => bus.subscribe((e) => seen[i].push(e.id)));
      await publisher.publish([event(1), event(2), event(3)]);
      await until('every subscriber has three events', () => seen.every((s) => s.length >= 3));
      for (const s of seen) expect(s).toEqual([1, 2, 3]);
    });

    it('stops delivering to an unsubscribed listener', async () => {
      buses = await connect();
      const seen: number[] = [];
      const stillListening: number[] = [];
      const unsubscribe = buses[0].subscribe((e) => seen.push(e.id));
      buses[0].subscribe((e) => stillListening.push(e.id));
      await buses[0].publish([event(1)]);
      await until('the first event reached the listener', () => seen.length === 1);
      unsubscribe();
      await buses[0].publish([event(2), event(3)]);
      // Events reach a process's listeners together, in publish order: once the listener that
      // stayed has event 3, event 2 would have reached the other one too.
      await until('the remaining listener has every event', () => stillListening.length === 3);
      expect(stillListening).toEqual([1, 2, 3]);
      expect(seen).toEqual([1]);
    });

    it('keeps the event’s workspace, type and data intact', async () => {
      buses = await connect();
      const seen: StoredEvent[] = [];
      buses[buses.length - 1].subscribe((e) => seen.push(e));
      const original = { id: 7, workspaceId: 'w2', type: 'contact.merged', data: { survivorId: 'a', text: 'olá 👋' }, createdAt: 123 };
      await buses[0].publish([original]);
      await until('the event arrived', () => seen.length === 1);
      expect(seen[0]).toEqual(original);
    });
  });
}
