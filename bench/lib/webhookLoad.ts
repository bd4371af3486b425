/**
 * The load side of the ingest benchmark, run in its own process (forked by ingest.bench.ts) so
 * the client's CPU does not count against the server's. It POSTs signed Instagram webhooks over
 * loopback at a fixed concurrency for a bounded time and count, and reports throughput and the
 * latency of each acknowledgement. Every message has a fresh mid, so each one is a real insert.
 */
import http from 'node:http';
import { metaJsonStringify, signBody } from '../../src/sandbox/meta/signing';

export interface LoadJob {
  url: string;
  appSecret: string;
  accountId: string;
  /** Messages per POST: 1 = one webhook per message; more = Meta's batching (one entry each). */
  batch: number;
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  /** Distinct customers the messages come from (new customers cost a profile job and three rows). */
  customers: number;
  /** Distinguishes mids between runs against the same database. */
  runId: string;
}

export interface LoadResult {
  requests: number;
  messages: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  latenciesMs: number[];
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const target = new URL(job.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let errors = 0;
  let sequence = 0;
  const started = performance.now();
  const deadline = started + job.durationMs;

  const body = () => {
    const entries = Array.from({ length: job.batch }, () => {
      sequence += 1;
      const now = Date.now();
      return {
        id: job.accountId,
        time: now,
        messaging: [{
          sender: { id: String(1_000_000_000_000_000 + (sequence % job.customers)) },
          recipient: { id: job.accountId },
          timestamp: now,
          message: { mid: `aWdf.${job.runId}.${sequence}`, text: `Is the blue one still in stock? (${sequence}) — ça coûte combien ?` },
        }],
      };
    });
    return metaJsonStringify({ object: 'instagram', entry: entries });
  };

  const post = (raw: string) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw), 'x-hub-signature-256': signBody(raw, job.appSecret) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(raw);
    });

  const lane = async () => {
    while (sent < job.maxRequests && performance.now() < deadline) {
      sent += 1;
      const raw = body();
      const t0 = performance.now();
      try {
        const status = await post(raw);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: latencies.length, messages: latencies.length * job.batch, errors, statuses, seconds, latenciesMs: latencies };
}

// Forked as a child: receive a job, run it, send the result back.
process.on('message', async (job: LoadJob) => {
  const result = await runLoad(job);
  process.send?.(result, () => process.exit(0));
});
