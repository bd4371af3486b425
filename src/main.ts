import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { type Config, ConfigError, loadConfig } from './config';
import { InstagramGraphClient } from './channels/instagram/graphClient';
import { WhatsAppGraphClient } from './channels/whatsapp/graphClient';
import type { AppContext, GraphClients } from './context';
import { AdvanceableClock, canAdvance, type Clock, systemClock } from './domain/shared/clock';
import { buildApp } from './http/app';
import { createJobHandlers } from './jobs/handlers';
import { createWorker, type Worker } from './jobs/worker';
import { createMediaStorage } from './media/createMediaStorage';
import { createMetrics } from './metrics';
import type { EventBus } from './realtime/bus';
import { createMemoryBus } from './realtime/memoryBus';
import { publishCommittedEvents } from './realtime/publishCommittedEvents';
import { createRedisBus } from './realtime/redisBus';
import { openDatabase, redact, StorageError } from './store/database';
import { migrateToLatest } from './store/migrate';
import { loadSecretBox } from './secretKey';
import { createStore, type Store } from './store/store';
import { businessProfileRoute } from './sandbox/businessProfileRoute';
import { MetaPlatform } from './sandbox/meta/platform';
import { metaPlatformPlugin } from './sandbox/meta/plugin';
import type { PlatformState } from './sandbox/meta/state';
import { scheduleTemplateSync } from './usecases/templates/scheduleTemplateSync';
import { bootstrapWorkspace } from './usecases/workspace/bootstrapWorkspace';

/** The checkout's root, whether this runs as src/main.ts (tsx) or as the built dist/server/main.js. */
const root = packageRoot(path.dirname(fileURLToPath(import.meta.url)));

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

export interface RunningBraid {
  url: string;
  ctx: AppContext;
  worker?: Worker;
  /** The simulated Meta platform mounted under /sandbox (sandbox mode only). */
  sandbox?: MetaPlatform;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Serve the built web app (default true). */
  serveWeb?: boolean;
  /** Start polling for jobs (default true); tests drive the worker with drain() instead. */
  startWorker?: boolean;
  /** Queue a read of the WhatsApp templates at start (default true); tests without Meta turn it off. */
  syncTemplatesOnStart?: boolean;
}

/** Opens storage, migrates, makes sure the workspace exists, and starts the roles this process has. */
export async function startBraid(config: Config, options: StartOptions = {}): Promise<RunningBraid> {
  const logger = pino({ level: config.logLevel, base: undefined });
  const db = await openDatabase(config.storage);
  await migrateToLatest(db);
  const store = createStore(db);
  const bus: EventBus = config.redisUrl ? await createRedisBus(config.redisUrl) : createMemoryBus();
  const graph = createGraphClients(config);
  // The sandbox's "Advance time" moves Braid's clock with the simulated platform's.
  const clock = options.clock ?? (config.sandbox ? new AdvanceableClock(systemClock) : systemClock);
  const secrets = loadSecretBox(config);
  const media = createMediaStorage(config.media);
  const ctx: AppContext = { config, store, bus, clock, logger, metrics: createMetrics(), graph, secrets, media };

  const { setupUrl } = await bootstrapWorkspace(ctx);
  if (options.syncTemplatesOnStart !== false) await scheduleTemplateSync(ctx);

  let worker: Worker | undefined;
  if (config.roles.worker) {
    worker = createWorker({
      store,
      handlers: createJobHandlers(ctx),
      clock: ctx.clock,
      logger,
      leaseMs: config.jobLeaseMs,
      onJobFinished: (job, outcome) => ctx.metrics.jobsFinished.inc({ kind: job.kind, outcome }),
    });
  }
  publishCommittedEvents(store, bus, logger);

  // In the sandbox, Meta is simulated inside Braid: its Graph API under /sandbox/graph (where the
  // clients point by default) and its webhooks aimed at Braid's own public /webhooks URLs.
  const sandbox = config.sandbox && config.roles.web ? createSandboxPlatform(config, ctx.clock, sandboxState(store)) : undefined;
  const app = config.roles.web
    ? await buildApp(ctx, {
        webRoot: options.serveWeb === false ? undefined : path.join(root, 'dist/web'),
        mounts: sandbox
          ? [
              async (scope) => void (await scope.register(metaPlatformPlugin, { prefix: '/sandbox', platform: sandbox })),
              async (scope) => void (await scope.register(businessProfileRoute, { prefix: '/sandbox', platform: sandbox })),
            ]
          : [],
      })
    : undefined;
  if (app) await app.listen({ port: config.port, host: config.host });
  if (options.startWorker !== false) worker?.start();

  const address = app?.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.includes(`:${config.port}`) ? config.publicUrl.replace(`:${config.port}`, `:${port}`) : config.publicUrl;
  const storage = config.storage.dialect === 'sqlite' ? `SQLite at ${config.storage.path}` : `PostgreSQL at ${redact(config.storage.url)}`;
  logger.info(`Braid is running (${[app && 'web', worker && 'worker'].filter(Boolean).join(' + ')}) on ${storage}`);
  sandbox?.setWebhookUrls({ instagram: `${url}/webhooks/instagram`, whatsapp: `${url}/webhooks/whatsapp` });
  sandbox?.setPublicUrl(`${url}/sandbox`);
  if (app) logger.info(`Inbox: ${url}/`);
  if (app && config.sandbox) logger.info(`Sandbox: ${url}/sandbox`);
  if (setupUrl) logger.warn(`No admin yet. Create the first admin here (works once): ${setupUrl}`);

  return {
    url,
    ctx,
    worker,
    sandbox,
    async close() {
      sandbox?.close();
      await app?.close();
      await worker?.stop();
      await bus.close();
      await media.close();
      await store.close();
    },
  };
}

/** The Graph clients take their base URLs from the configuration: Meta, or the simulated platform. */
export function createGraphClients(config: Config): GraphClients {
  const { instagram, whatsapp } = config.meta;
  return {
    instagram: new InstagramGraphClient({ apiUrl: instagram.apiUrl, accountId: instagram.accountId, accessToken: instagram.accessToken }),
    whatsapp: new WhatsAppGraphClient({
      apiUrl: whatsapp.apiUrl,
      phoneNumberId: whatsapp.phoneNumberId,
      businessAccountId: whatsapp.businessAccountId,
      accessToken: whatsapp.accessToken,
    }),
  };
}

/** The platform's customers and threads live in Braid's database, so a restart keeps the demo. */
function createSandboxPlatform(config: Config, clock: Clock, state: PlatformState): MetaPlatform {
  const { meta } = config;
  return new MetaPlatform({
    appSecret: meta.appSecret,
    verifyToken: meta.verifyToken,
    instagramAccountId: meta.instagram.accountId,
    instagramAccessToken: meta.instagram.accessToken,
    whatsappPhoneNumberId: meta.whatsapp.phoneNumberId,
    whatsappBusinessAccountId: meta.whatsapp.businessAccountId,
    whatsappDisplayPhoneNumber: meta.whatsapp.phoneNumber,
    whatsappAccessToken: meta.whatsapp.accessToken,
    now: () => clock.now(),
    ...(canAdvance(clock) && { advanceTime: (ms: number) => void clock.advance(ms) }),
    state,
  });
}

async function main(): Promise<void> {
  let running: RunningBraid;
  try {
    running = await startBraid(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StorageError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(`Braid could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  const shutdown = async () => {
    // Give open requests and jobs a moment to finish, but never hang a stop (or a deploy) on one.
    setTimeout(() => {
      console.error('Braid did not stop within 10 s; exiting anyway.');
      process.exit(1);
    }, 10_000).unref();
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();

/**
 * The simulated platform's memory in Braid's own database, so a restart keeps the demo's customers
 * and their threads. The sandbox repository is the platform's state port as it is: each call is
 * one statement outside any Braid transaction, since the platform plays Meta and never holds
 * Braid's rows.
 */
function sandboxState(store: Store): PlatformState {
  return store.repos.sandbox;
}
