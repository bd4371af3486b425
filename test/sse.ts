import http from 'node:http';

export interface SseEvent {
  id: string;
  event: string;
  data: any;
}

/** Reads a Server-Sent Events stream over a real socket; `next(type)` waits for the next event of that type. */
export async function openEventStream(baseUrl: string, cookie: string, lastEventId?: string) {
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  let markEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  const request = http.get(`${baseUrl}/api/events`, {
    headers: { cookie, accept: 'text/event-stream', ...(lastEventId && { 'last-event-id': lastEventId }) },
  });
  await new Promise<void>((resolve, reject) => {
    request.on('response', (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
      response.setEncoding('utf8');
      response.on('close', markEnded);
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
          );
          if (fields.event) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data ?? 'null') });
          waiters.splice(0).forEach((w) => w());
        }
      });
      resolve();
    });
    request.on('error', reject);
  });
  let cursor = 0;
  return {
    events,
    /** Settles when the server ends the stream (or the test closes it). */
    ended,
    async next(type: string, timeoutMs = 5000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = events.findIndex((e, i) => i >= cursor && e.event === type);
        if (index >= 0) {
          cursor = index + 1;
          return events[index];
        }
        if (Date.now() > deadline) throw new Error(`no "${type}" event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close() {
      request.destroy();
    },
  };
}
