import type { RepositoryContext } from './context';

export interface Delivery {
  id: string;
  channelKind: string;
  channelId: string | null;
  receivedAt: number;
  body: string;
  outcome: 'accepted' | 'rejected';
  reason: string | null;
  events: number;
}

/** Raw webhook bodies as received: Meta offers no way to fetch a missed webhook again. */
export class DeliveriesRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async insert(delivery: Delivery): Promise<void> {
    await this.ctx.db
      .insertInto('deliveries')
      .values({
        id: delivery.id,
        channel_kind: delivery.channelKind,
        channel_id: delivery.channelId,
        received_at: delivery.receivedAt,
        body: delivery.body,
        outcome: delivery.outcome,
        reason: delivery.reason,
        events: delivery.events,
      })
      .execute();
  }

  async count(filter: { outcome?: 'accepted' | 'rejected' } = {}): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .$if(filter.outcome !== undefined, (qb) => qb.where('outcome', '=', filter.outcome!))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async latest(limit: number): Promise<Delivery[]> {
    const rows = await this.ctx.db.selectFrom('deliveries').selectAll().orderBy('received_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      channelKind: r.channel_kind,
      channelId: r.channel_id,
      receivedAt: r.received_at,
      body: r.body,
      outcome: r.outcome,
      reason: r.reason,
      events: r.events,
    }));
  }
}
