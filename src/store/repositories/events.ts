import type { RepositoryContext } from './context';

export interface StoredEvent {
  id: number;
  workspaceId: string;
  type: string;
  data: unknown;
  createdAt: number;
}

/** The realtime log: each row is published after its commit and replayed to a reconnecting tab. */
export class EventsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async record(workspaceId: string, type: string, data: unknown, now: number): Promise<StoredEvent> {
    const row = await this.ctx.db
      .insertInto('events')
      .values({ workspace_id: workspaceId, type, data: JSON.stringify(data), created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = { id: Number(row.id), workspaceId, type, data, createdAt: now };
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
    return rows.map((r) => ({
      id: Number(r.id),
      workspaceId: r.workspace_id,
      type: r.type,
      data: JSON.parse(r.data),
      createdAt: r.created_at,
    }));
  }

  async latestId(workspaceId: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  async deleteOlderThan(cutoff: number): Promise<void> {
    await this.ctx.db.deleteFrom('events').where('created_at', '<', cutoff).execute();
  }
}
