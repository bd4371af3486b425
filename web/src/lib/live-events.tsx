import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from './api';
import { z } from 'zod';

/**
 * One Server-Sent Events stream (`GET /api/events`) per signed-in tab. Features
 * subscribe by event type with `useLiveEvent`. The browser reconnects by itself
 * and sends Last-Event-ID, so the server replays what was missed; when the
 * stream is refused outright (e.g. the session ended) it is reopened here with
 * a back-off, and every cached query is refetched since events may be lost.
 */

export type LiveStatus = 'connecting' | 'open' | 'reconnecting';
type Handler = (data: unknown) => void;

class LiveEvents {
  private source: EventSource | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly attached = new Set<string>();
  private lastEventId: string | null = null;
  private retryTimer: number | undefined;
  private retryDelay = 1_000;
  private stopped = true;
  private statusListeners = new Set<(status: LiveStatus) => void>();
  status: LiveStatus = 'connecting';

  constructor(
    private readonly url: string,
    private readonly onGap: () => void,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    this.attached.clear();
  }

  subscribe(type: string, handler: Handler): () => void {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    set.add(handler);
    this.attach(type);
    return () => set.delete(handler);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private open(): void {
    const url = this.lastEventId ? `${this.url}?lastEventId=${encodeURIComponent(this.lastEventId)}` : this.url;
    const source = new EventSource(url);
    this.source = source;
    this.attached.clear();
    for (const type of this.handlers.keys()) this.attach(type);
    this.attach('ready');
    source.onopen = () => {
      this.retryDelay = 1_000;
      this.setStatus('open');
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CONNECTING) {
        // The browser retries on its own and replays from Last-Event-ID.
        this.setStatus('reconnecting');
        return;
      }
      // CLOSED: the server refused the stream. Ask who is signed in (a 401 there
      // ends the session through the API layer), then try again later.
      source.close();
      this.setStatus('reconnecting');
      void api.get('/api/auth/me', z.unknown()).catch(() => undefined);
      window.clearTimeout(this.retryTimer);
      this.retryTimer = window.setTimeout(() => {
        if (this.stopped) return;
        this.open();
        this.onGap();
      }, this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
    };
  }

  private attach(type: string): void {
    const source = this.source;
    if (!source || this.attached.has(type)) return;
    this.attached.add(type);
    source.addEventListener(type, (event) => {
      const message = event as MessageEvent<string>;
      if (message.lastEventId) this.lastEventId = message.lastEventId;
      let data: unknown = null;
      try {
        data = message.data ? JSON.parse(message.data) : null;
      } catch {
        data = message.data;
      }
      for (const handler of this.handlers.get(type) ?? []) handler(data);
    });
  }
}

const LiveEventsContext = createContext<LiveEvents | null>(null);

/** Opens the stream while mounted (inside the signed-in shell). */
export function LiveEventsProvider({ children, url = '/api/events' }: { children: ReactNode; url?: string }) {
  const queryClient = useQueryClient();
  const [live] = useState(() => new LiveEvents(url, () => void queryClient.invalidateQueries()));
  useEffect(() => {
    live.start();
    return () => live.stop();
  }, [live]);
  return <LiveEventsContext.Provider value={live}>{children}</LiveEventsContext.Provider>;
}

/** Runs `handler` with each event of `type` (its parsed JSON data) while the component is mounted. */
export function useLiveEvent(type: string, handler: (data: unknown) => void): void {
  const live = useContext(LiveEventsContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!live) return;
    return live.subscribe(type, (data) => latest.current(data));
  }, [live, type]);
}

/** Whether the live stream is connected, for a quiet "reconnecting" hint. */
export function useLiveStatus(): LiveStatus {
  const live = useContext(LiveEventsContext);
  const [status, setStatus] = useState<LiveStatus>(live?.status ?? 'connecting');
  useEffect(() => live?.onStatus(setStatus), [live]);
  return status;
}
