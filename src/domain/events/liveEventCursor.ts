/**
 * Where a live stream stands, as the text of each Server-Sent Event's id (the browser hands it back
 * as Last-Event-ID). Event ids come from one sequence, but PostgreSQL commits concurrent
 * transactions out of id order: a tab that has seen event 11 may still be owed event 10. So the
 * cursor is the highest id sent plus, when there are any, the lower ids already sent that a replay
 * could otherwise offer again (those of transactions still open when the highest was written):
 * `11`, or `11~10~8`. See EventsRepository.missedAfter for the replay side.
 */
export interface LiveEventCursor {
  afterId: number;
  seenBelow: number[];
}

/** The ordering facts of an event a stream sends (txId and horizon exist on PostgreSQL only). */
export interface OrderedEvent {
  id: number;
  txId?: number;
  horizon?: number;
}

const MAX_SEEN_BELOW = 64;
const MAX_REMEMBERED = 1024;
const SEPARATOR = '~';

export const START_OF_STREAM: LiveEventCursor = { afterId: 0, seenBelow: [] };

/** Reads a cursor the browser sent back; anything unreadable starts the stream afresh. */
export function parseLiveEventCursor(text: string | undefined): LiveEventCursor {
  if (!text || text.length > 2000) return START_OF_STREAM;
  const parts = text.split(SEPARATOR).map(Number);
  if (!parts.every((n) => Number.isSafeInteger(n) && n > 0)) return START_OF_STREAM;
  const [afterId, ...seenBelow] = parts;
  return { afterId, seenBelow: seenBelow.filter((id) => id < afterId).slice(0, MAX_SEEN_BELOW) };
}

export function formatLiveEventCursor(cursor: LiveEventCursor): string {
  return [cursor.afterId, ...cursor.seenBelow].join(SEPARATOR);
}

/**
 * The ids one stream has sent: decides whether an event (from the replay or the bus, in any
 * order) is new, and what cursor to hand the browser. Bounded: it remembers the last
 * MAX_REMEMBERED ids sent.
 */
export class LiveEventLedger {
  private highest: OrderedEvent;
  private readonly sent = new Map<number, OrderedEvent>();
  private inherited: number[];

  constructor(start: LiveEventCursor) {
    this.highest = { id: start.afterId };
    // What the tab had seen before this stream, its transactions unknown: named in every cursor
    // (bounded) so a later replay never offers them again.
    this.inherited = start.afterId > 0 ? [start.afterId, ...start.seenBelow] : [];
  }

  /** True (and remembered) when the event has not been sent on this stream nor seen before it. */
  admit(event: OrderedEvent): boolean {
    if (this.sent.has(event.id) || this.inherited.includes(event.id) || event.id === this.highest.id) return false;
    this.sent.set(event.id, event);
    if (this.sent.size > MAX_REMEMBERED) this.sent.delete(Math.min(...this.sent.keys()));
    if (event.id > this.highest.id) this.highest = event;
    return true;
  }

  /** The stream's position is a given event (a fresh tab starts at the newest one, unsent). */
  startAt(event: OrderedEvent): void {
    if (event.id > this.highest.id) this.highest = event;
  }

  cursor(): string {
    const { id, horizon } = this.highest;
    const concurrent =
      horizon === undefined
        ? []
        : [...this.sent.values()].filter((e) => e.id < id && e.txId !== undefined && e.txId >= horizon).map((e) => e.id);
    const seenBelow = [...new Set([...concurrent, ...this.inherited])]
      .filter((seen) => seen < id)
      .sort((a, b) => b - a)
      .slice(0, MAX_SEEN_BELOW);
    return formatLiveEventCursor({ afterId: id, seenBelow });
  }
}
