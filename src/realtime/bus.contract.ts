import { afterEach, describe, expect, it } from 'vitest';
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
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    };

    it('delivers published events to every subscriber, in order', async () => {
      buses = await connect();
      const [publisher, ...others] = buses;
      const seen: number[][] = buses.map(() => []);
      buses.forEach((bus, i) => bus.subscribe((e) => seen[i].push(e.id)));
      await publisher.publish([event(1), event(2), event(3)]);
      await until(() => seen.every((s) => s.length === 3));
      for (const s of seen) expect(s).toEqual([1, 2, 3]);
      expect(others.length).toBe(buses.length - 1);
    });

    it('stops delivering to an unsubscribed listener', async () => {
      buses = await connect();
      const seen: number[] = [];
      const unsubscribe = buses[0].subscribe((e) => seen.push(e.id));
      await buses[0].publish([event(1)]);
      await until(() => seen.length === 1);
      unsubscribe();
      await buses[0].publish([event(2)]);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toEqual([1]);
    });

    it('keeps the event’s workspace, type and data intact', async () => {
      buses = await connect();
      const seen: StoredEvent[] = [];
      buses[buses.length - 1].subscribe((e) => seen.push(e));
      const original = { id: 7, workspaceId: 'w2', type: 'contact.merged', data: { survivorId: 'a', text: 'olá 👋' }, createdAt: 123 };
      await buses[0].publish([original]);
      await until(() => seen.length === 1);
      expect(seen[0]).toEqual(original);
    });
  });
}
