import { describe, expect, it } from 'vitest';
import { LiveEventLedger, parseLiveEventCursor } from './liveEventCursor';

describe('LiveEventLedger', () => {
  it('sends an event with a lower id that arrives after a higher one, and names it in the cursor', () => {
    const ledger = new LiveEventLedger(parseLiveEventCursor(undefined));
    expect(ledger.admit({ id: 11, txId: 101, horizon: 100 })).toBe(true);
    expect(ledger.cursor()).toBe('11');
    expect(ledger.admit({ id: 10, txId: 100, horizon: 100 })).toBe(true);
    expect(ledger.cursor()).toBe('11~10');
    expect(ledger.admit({ id: 10, txId: 100, horizon: 100 })).toBe(false);
  });

  it('carries what a reconnecting tab had seen, its last event included, into later cursors', () => {
    const ledger = new LiveEventLedger(parseLiveEventCursor('11~10'));
    expect(ledger.admit({ id: 11 })).toBe(false);
    expect(ledger.admit({ id: 10 })).toBe(false);
    expect(ledger.admit({ id: 12, txId: 103, horizon: 100 })).toBe(true);
    expect(ledger.cursor()).toBe('12~11~10');
  });

  it('reads an unreadable cursor as a fresh start', () => {
    expect(parseLiveEventCursor('abc')).toEqual({ afterId: 0, seenBelow: [] });
    expect(parseLiveEventCursor('0')).toEqual({ afterId: 0, seenBelow: [] });
    expect(parseLiveEventCursor('12~13~4')).toEqual({ afterId: 12, seenBelow: [4] });
  });
});
