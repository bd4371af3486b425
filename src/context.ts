import type { Logger } from 'pino';
import type { InstagramGraphClient } from './channels/instagram/graphClient';
import type { WhatsAppGraphClient } from './channels/whatsapp/graphClient';
import type { Config } from './config';
import type { SecretBox } from './domain/channels/sealedSecret';
import type { Clock } from './domain/shared/clock';
import type { Metrics } from './metrics';
import type { EventBus } from './realtime/bus';
import type { Store } from './store/store';
import type { MediaStorage } from './usecases/media/mediaStorage';

/**
 * The infrastructure a use case, a job handler or a route may use. Built once in main.ts
 * (or by a test with real-but-local parts) and passed down; nothing reaches for globals.
 */
export interface AppContext {
  config: Config;
  store: Store;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Meta's Graph API, or the simulated platform when the base URLs point there. */
  graph: GraphClients;
  /**
   * Seals and opens the channel secrets stored in the database; absent on PostgreSQL without
   * BRAID_SECRET_KEY, where only channels from the environment work.
   */
  secrets?: SecretBox;
  /** The bytes of media files (disk or an S3-compatible bucket); what they are is in the store. */
  media: MediaStorage;
}

export interface GraphClients {
  instagram: InstagramGraphClient;
  whatsapp: WhatsAppGraphClient;
}
