import type { RepositoryContext } from './context';

export interface StoredEvent {
  id: number;
  workspaceId: string;
  type: string;
  data: unknown;
  createdAt: number;
  /** PostgreSQL only: the transaction that wrote it, and the oldest transaction open at the write. */
  txId?: number;
  horizon?: number;
}

/** The realtime log: each row is published after its commit and replayed to a reconnecting tab. */
export class EventsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async record(workspaceId: string, type: string, data: unknown, now: number): Promise<StoredEvent> {
    const row = await this.ctx.db
      .insertInto('events')
      .values({ workspace_id: workspaceId, type, data: JSON.stringify(data), created_at: now })
      .returning(['id', 'tx_id', 'horizon'])
      .executeTakeFirstOrThrow();
    const event: StoredEvent = { id: Number(row.id), workspaceId, type, data, createdAt: now, ...commitOrder(row) };
    this.ctx.afterCommit.event(event);
    return event;
  }

  async since(workspaceId: string, afterId: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toStoredEvent);
  }

  /**
   * What a tab that has seen event `afterId` (and, below it, the ids in `seenBelow`) may have
   * missed: every later event, and every earlier one that may have committed after `afterId` did:
   * one from a transaction at or past the horizon recorded with `afterId` (PostgreSQL only; on
   * SQLite ids follow commit order). In id order.
   */
  async missedAfter(workspaceId: string, afterId: number, seenBelow: readonly number[], limit: number): Promise<StoredEvent[]> {
    const seen = await this.ctx.db.selectFrom('events').select('horizon').where('id', '=', afterId).executeTakeFirst();
    const horizon = seen?.horizon ?? null;
    const rows = await this.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where((eb) =>
        horizon === null
          ? eb('id', '>', afterId)
          : eb.or([
              eb('id', '>', afterId),
              eb.and([
                eb('tx_id', '>=', horizon),
                eb('id', '<', afterId),
                ...(seenBelow.length > 0 ? [eb('id', 'not in', [...seenBelow])] : []),
              ]),
            ]),
      )
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toStoredEvent);
  }

  async latestId(workspaceId: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  /** The workspace's newest event, where a fresh tab's stream starts. */
  async latest(workspaceId: string): Promise<StoredEvent | undefined> {
    const row = await this.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toStoredEvent(row) : undefined;
  }

  async deleteOlderThan(cutoff: number): Promise<void> {
    await this.ctx.db.deleteFrom('events').where('created_at', '<', cutoff).execute();
  }
}

function commitOrder(row: { tx_id: number | null; horizon: number | null }): Pick<StoredEvent, 'txId' | 'horizon'> {
  return row.tx_id === null || row.horizon === null ? {} : { txId: Number(row.tx_id), horizon: Number(row.horizon) };
}

function toStoredEvent(r: { id: number; workspace_id: string; type: string; data: string; created_at: number; tx_id: number | null; horizon: number | null }): StoredEvent {
  return {
    id: Number(r.id),
    workspaceId: r.workspace_id,
    type: r.type,
    data: JSON.parse(r.data),
    createdAt: r.created_at,
    ...commitOrder(r),
  };
}
