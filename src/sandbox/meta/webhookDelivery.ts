import { metaJsonStringify, signBody, signBodySha1 } from './signing';
import type { SandboxChannel } from './state';

/**
 * Delivers webhooks the way Meta does (reference §1.3–1.4): signed POSTs of Meta's escaped JSON,
 * batched, sometimes twice, sometimes out of order, retried with backoff until the receiver
 * answers 2xx. Time is compressed (milliseconds, not hours) so tests stay fast.
 */

export interface DeliveryOptions {
  /** Items per POST: WhatsApp messages/statuses in one change (or entries), Instagram entries. */
  batchSize: number;
  /** Probability in [0, 1] that a POST is delivered a second time. */
  duplicateRate: number;
  /** Deliver items in a random order, within and across batches. */
  shuffle: boolean;
  /** Wait this long after an item is queued before delivering, letting a batch accumulate. */
  delayMs: number;
  /** Attempts per POST, the first included, before giving up. */
  maxAttempts: number;
  /** First retry delay; each next one doubles (50, 100, 200, …). */
  retryBaseMs: number;
  /** Off: items wait in the queue until flush(). */
  autoDeliver: boolean;
  /** WhatsApp batches as one change with several items, or one entry per item. */
  whatsappBatchShape: 'one-change' | 'entry-per-item';
  /** How long to wait for the receiver before counting an attempt as failed. */
  timeoutMs: number;
  /**
   * Instagram only: after this many POSTs in a row were given up on, Meta unsubscribes the app
   * and drops further updates until it resubscribes (0 = never). Meta does it after an hour.
   */
  instagramUnsubscribeAfter: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  batchSize: 1,
  duplicateRate: 0,
  shuffle: false,
  delayMs: 0,
  maxAttempts: 6,
  retryBaseMs: 50,
  autoDeliver: true,
  whatsappBatchShape: 'one-change',
  timeoutMs: 5000,
  instagramUnsubscribeAfter: 0,
};

export interface DeliveryAttempt {
  attempt: number;
  at: number;
  /** HTTP status, or 0 when no answer came (refused, reset, timeout). */
  status: number;
  error?: string;
  /** How long the platform waits before trying again, like Meta's backoff; absent after the last try. */
  retryInMs?: number;
}

export interface WebhookDeliveryRecord {
  id: string;
  channel: SandboxChannel;
  /** The business account whose webhooks these are (Instagram account id / phone number id). */
  account: string;
  url: string;
  /** The exact bytes POSTed (and signed). */
  body: string;
  itemCount: number;
  /** Set on the second copy of a duplicated delivery. */
  duplicateOf?: string;
  state: 'pending' | 'delivered' | 'gave_up';
  attempts: DeliveryAttempt[];
}

export interface WebhookDeliveryDeps {
  url(channel: SandboxChannel): string | undefined;
  /** The business account a queued item belongs to; each account's items are batched apart. */
  accountOf?(channel: SandboxChannel, item: unknown): string;
  /** The app secret that signs a batch of the account's webhooks. */
  secret(channel: SandboxChannel, account: string): string;
  /** Builds the webhook JSON for one batch of queued items of one account of a channel. */
  build(channel: SandboxChannel, items: unknown[], shape: DeliveryOptions['whatsappBatchShape'], account: string): unknown;
  now(): number;
  random?: () => number;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
}

export class WebhookDelivery {
  private options: DeliveryOptions = { ...DEFAULT_DELIVERY_OPTIONS };
  private readonly queues: Record<SandboxChannel, unknown[]> = { instagram: [], whatsapp: [] };
  private readonly records: WebhookDeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Pending retry sleeps, so close() can end them at once. */
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private pumpTimer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> = Promise.resolve();
  private forcedDuplicates = 0;
  private consecutiveGiveUps = 0;
  private unsubscribed = false;
  private droppedItems = 0;
  private closed = false;
  private sequence = 0;

  constructor(private readonly deps: WebhookDeliveryDeps) {}

  getOptions(): DeliveryOptions {
    return { ...this.options };
  }

  setOptions(patch: Partial<DeliveryOptions>): DeliveryOptions {
    this.options = { ...this.options, ...patch };
    this.schedulePump();
    return this.getOptions();
  }

  /** The next `count` POSTs are each delivered twice. */
  duplicateNext(count: number): void {
    this.forcedDuplicates += count;
  }

  enqueue(channel: SandboxChannel, item: unknown): void {
    if (this.closed) return;
    this.queues[channel].push(item);
    this.schedulePump();
  }

  /** Whether Instagram stopped delivering after repeated failures, and how many updates were lost. */
  instagramSubscription(): { subscribed: boolean; droppedItems: number } {
    return { subscribed: !this.unsubscribed, droppedItems: this.droppedItems };
  }

  /** Like re-subscribing the app (`POST /me/subscribed_apps`): Instagram updates flow again. */
  resubscribeInstagram(): void {
    this.unsubscribed = false;
    this.consecutiveGiveUps = 0;
  }

  pendingItems(): number {
    return this.queues.instagram.length + this.queues.whatsapp.length;
  }

  deliveries(): WebhookDeliveryRecord[] {
    return this.records.map((r) => ({ ...r, attempts: [...r.attempts] }));
  }

  /** Resolves once every queued item was delivered (or given up on), retries included. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.pumpTimer) {
        clearTimeout(this.pumpTimer);
        this.pumpTimer = undefined;
      }
      if (this.pendingItems() > 0 && !this.closed) await this.pump();
      await this.pumping;
      if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      else if (this.pendingItems() === 0 || this.closed) return;
    }
  }

  close(): void {
    this.closed = true;
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    for (const [timer, wake] of this.timers) {
      clearTimeout(timer);
      wake();
    }
    this.timers.clear();
  }

  private schedulePump(): void {
    if (!this.options.autoDeliver || this.closed || this.pumpTimer || this.pendingItems() === 0) return;
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = undefined;
      void this.pump();
    }, this.options.delayMs);
  }

  /** Serialised: one pump at a time, so batches leave in queue order unless shuffling. */
  private pump(): Promise<void> {
    this.pumping = this.pumping.then(() => this.pumpOnce()).catch(() => undefined);
    return this.pumping;
  }

  private async pumpOnce(): Promise<void> {
    for (const channel of ['instagram', 'whatsapp'] as const) {
      const items = this.queues[channel].splice(0);
      if (items.length === 0) continue;
      if (channel === 'instagram' && this.unsubscribed) {
        this.droppedItems += items.length;
        continue;
      }
      if (this.options.shuffle) this.shuffleInPlace(items);
      const byAccount = new Map<string, unknown[]>();
      for (const item of items) {
        const account = this.deps.accountOf?.(channel, item) ?? '';
        byAccount.set(account, [...(byAccount.get(account) ?? []), item]);
      }
      const size = Math.max(1, Math.floor(this.options.batchSize));
      for (const [account, mine] of byAccount) {
        for (let i = 0; i < mine.length; i += size) {
          const payload = this.deps.build(channel, mine.slice(i, i + size), this.options.whatsappBatchShape, account);
          const record = this.newRecord(channel, account, metaJsonStringify(payload), Math.min(size, mine.length - i));
          await this.start(record);
          if (this.shouldDuplicate()) {
            await this.start({ ...this.newRecord(channel, account, record.body, record.itemCount), duplicateOf: record.id });
          }
        }
      }
    }
  }

  private shouldDuplicate(): boolean {
    if (this.forcedDuplicates > 0) {
      this.forcedDuplicates -= 1;
      return true;
    }
    return this.options.duplicateRate > 0 && this.random() < this.options.duplicateRate;
  }

  private newRecord(channel: SandboxChannel, account: string, body: string, itemCount: number): WebhookDeliveryRecord {
    this.sequence += 1;
    return { id: `dlv_${this.sequence}`, channel, account, url: this.deps.url(channel) ?? '', body, itemCount, state: 'pending', attempts: [] };
  }

  /** Resolves after the first attempt; retries continue in the background (tracked for flush). */
  private async start(record: WebhookDeliveryRecord): Promise<void> {
    this.records.push(record);
    let firstDone!: () => void;
    const first = new Promise<void>((resolve) => (firstDone = resolve));
    const run = this.deliverWithRetries(record, firstDone).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    await first;
  }

  private async deliverWithRetries(record: WebhookDeliveryRecord, firstDone: () => void): Promise<void> {
    try {
      for (let attempt = 1; attempt <= this.options.maxAttempts && !this.closed; attempt++) {
        const outcome = await this.post(record);
        const delivered = outcome.status >= 200 && outcome.status < 300;
        const retryInMs = !delivered && attempt < this.options.maxAttempts ? this.options.retryBaseMs * 2 ** (attempt - 1) : undefined;
        record.attempts.push({ attempt, at: this.deps.now(), ...outcome, ...(retryInMs !== undefined && { retryInMs }) });
        firstDone();
        if (delivered) {
          record.state = 'delivered';
          if (record.channel === 'instagram') this.consecutiveGiveUps = 0;
          return;
        }
        if (retryInMs !== undefined) await this.sleep(retryInMs);
      }
      record.state = 'gave_up';
      if (record.channel === 'instagram') this.noteInstagramGiveUp();
    } finally {
      firstDone();
    }
  }

  private noteInstagramGiveUp(): void {
    this.consecutiveGiveUps += 1;
    const limit = this.options.instagramUnsubscribeAfter;
    if (limit > 0 && this.consecutiveGiveUps >= limit) this.unsubscribed = true;
  }

  private async post(record: WebhookDeliveryRecord): Promise<{ status: number; error?: string }> {
    const url = this.deps.url(record.channel);
    if (!url) return { status: 0, error: `no webhook URL configured for ${record.channel}` };
    const secret = this.deps.secret(record.channel, record.account);
    try {
      const response = await (this.deps.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(record.body, secret),
          'x-hub-signature': signBodySha1(record.body, secret),
          'user-agent': 'facebookexternalua',
          'facebook-api-version': 'v25.0',
        },
        body: record.body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status };
    } catch (error) {
      return { status: 0, error: String(error) };
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }

  private random(): number {
    return (this.deps.random ?? Math.random)();
  }

  private shuffleInPlace(items: unknown[]): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
  }
}
