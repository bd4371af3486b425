import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { LiveEventLedger, parseLiveEventCursor } from '../../domain/events/liveEventCursor';
import type { StoredEvent } from '../../realtime/bus';
import { sessionIsOpen } from '../../usecases/auth/sessionIsOpen';
import { replayEvents } from '../../usecases/events/replayEvents';
import { requireUser } from '../plugins/auth';
import { refuseControlCharacters } from '../route';

const HEARTBEAT_MS = 15_000;
// A session may be signed out, expire or lose its user on any process: a stream asks this often
// whether its session still holds, and ends when it does not (the tab then finds it signed out).
const SESSION_CHECK_MS = 5_000;
const eventsQuery = z.object({ lastEventId: z.string().optional() });

/**
 * GET /api/events: one Server-Sent Events stream per signed-in tab. Each event has its id, so a
 * reconnecting tab (Last-Event-ID, a cursor: see liveEventCursor.ts) first gets what it missed from
 * the events table, then live ones. Events are told apart by id, never by "higher than the last
 * one", since concurrent transactions commit out of id order.
 * The stream lasts only as long as the session it was opened with.
 */
export function eventRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/events', async (request, reply) => {
    const user = requireUser(request, 'agent');
    const sessionId = request.sessionId!;
    refuseControlCharacters(request.query, 'query');
    const query = eventsQuery.safeParse(request.query);
    const header = request.headers['last-event-id'];
    const cursor = parseLiveEventCursor(typeof header === 'string' && header ? header : query.success ? query.data.lastEventId : undefined);

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    raw.write('retry: 2000\n\n');

    const ledger = new LiveEventLedger(cursor);
    const buffered: StoredEvent[] = [];
    let replaying = true;
    const send = (event: StoredEvent) => {
      if (event.workspaceId !== user.workspaceId || !ledger.admit(event)) return;
      raw.write(`id: ${ledger.cursor()}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    };
    // Subscribe before replaying so nothing committed in between is lost; the ledger drops the overlap.
    const unsubscribe = ctx.bus.subscribe((event) => (replaying ? buffered.push(event) : send(event)));
    ctx.metrics.sseClients.inc();
    const heartbeat = setInterval(() => raw.write(`: heartbeat ${Date.now()}\n\n`), HEARTBEAT_MS);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clearInterval(sessionCheck);
      unsubscribe();
      ctx.metrics.sseClients.dec();
    };
    const sessionCheck = setInterval(() => {
      sessionIsOpen(ctx, sessionId).then(
        (open) => {
          if (open || closed) return;
          close();
          raw.end();
        },
        (error: unknown) => request.log.warn({ err: error }, 'could not check the session of a live event stream'),
      );
    }, SESSION_CHECK_MS);
    request.raw.on('close', close);

    try {
      const { missed, now } = await replayEvents(ctx, { workspaceId: user.workspaceId, cursor });
      for (const event of missed) send(event);
      if (cursor.afterId === 0) {
        // A fresh tab starts from now: tell it where "now" is so its next reconnect can replay.
        if (now) ledger.startAt(now);
        raw.write(`id: ${ledger.cursor()}\nevent: ready\ndata: {}\n\n`);
      }
    } finally {
      replaying = false;
      for (const event of buffered.splice(0)) send(event);
    }
  });
}
