import type { ChannelKind } from '../schema';
import type { RepositoryContext } from './context';

/**
 * The workspace's "Delete messages older than" sweep. Only what customers and the business said
 * (inbound and outbound rows) goes; system items (invites, merges, notes) stay as the record of what
 * happened. A conversation's newest message is kept while its reply window is open, so the agent
 * still sees what they are answering.
 */
export class RetentionRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /** Up to `limit` messages sent before `cutoff` that may be deleted (none left: empty). */
  async messagesBefore(input: {
    workspaceId: string;
    cutoff: number;
    /** Reply windows still open: a customer message on that channel since this time. */
    windowOpenSince: Record<ChannelKind, number>;
    limit: number;
  }): Promise<string[]> {
    const { db } = this.ctx;
    const newestInOpenWindows = db
      .selectFrom((eb) =>
        eb
          .selectFrom('messages as m')
          .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
          .select((inner) => [
            'm.id as id',
            inner.fn
              .agg<number>('row_number')
              .over((over) => over.partitionBy('m.conversation_id').orderBy('m.platform_ts', 'desc').orderBy('m.id', 'desc'))
              .as('rank'),
          ])
          .where('c.workspace_id', '=', input.workspaceId)
          .where((w) =>
            w.or(
              (Object.entries(input.windowOpenSince) as [ChannelKind, number][]).map(([kind, since]) =>
                w.and([w('c.kind', '=', kind), w('c.last_inbound_at', '>=', since)]),
              ),
            ),
          )
          .where('m.direction', 'in', ['inbound', 'outbound'])
          .as('ranked'),
      )
      .select('ranked.id')
      .where('ranked.rank', '=', 1);
    const rows = await db
      .selectFrom('messages')
      .select('id')
      .where('workspace_id', '=', input.workspaceId)
      .where('direction', 'in', ['inbound', 'outbound'])
      .where('platform_ts', '<', input.cutoff)
      .where('id', 'not in', newestInOpenWindows)
      .orderBy('platform_ts')
      .limit(input.limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async deleteMessages(messageIds: string[]): Promise<void> {
    if (messageIds.length > 0) await this.ctx.db.deleteFrom('messages').where('id', 'in', messageIds).execute();
  }

  /** A conversation whose last message is older than `cutoff` no longer shows its text in the list. */
  async clearPreviewsBefore(workspaceId: string, cutoff: number): Promise<number> {
    const result = await this.ctx.db
      .updateTable('conversations')
      .set({ last_message_preview: null })
      .where('workspace_id', '=', workspaceId)
      .where('last_message_at', '<', cutoff)
      .where('last_message_preview', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
