import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one Braid process, served as text at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    httpRequests: new Counter({
      name: 'braid_http_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'braid_http_request_duration_seconds',
      help: 'Time to answer an HTTP request',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    jobsFinished: new Counter({
      name: 'braid_jobs_finished_total',
      help: 'Job runs, by kind and outcome (done, retry, failed)',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    jobsByState: new Gauge({
      name: 'braid_jobs',
      help: 'Jobs in the queue, by state',
      labelNames: ['state'],
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: 'braid_webhook_deliveries_total',
      help: 'Webhook deliveries, by channel and outcome (accepted, rejected, unauthorized)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    webhookEvents: new Counter({
      name: 'braid_webhook_events_total',
      help: 'Events parsed from webhook deliveries, by channel and outcome (stored, duplicate, rejected)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    sseClients: new Gauge({
      name: 'braid_sse_clients',
      help: 'Open Server-Sent Events streams',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
