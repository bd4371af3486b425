import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * PostgreSQL commits concurrent transactions out of event-id order, so a tab that has seen event 11
 * may still be owed event 10. Each event row remembers its transaction (`tx_id`) and the oldest
 * transaction still open when it was written (`horizon`): an event with a lower id that the tab had
 * not seen can only come from a transaction at or past that horizon. SQLite has one writer, so its
 * ids follow commit order and both columns stay empty.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema
      .alterTable('events')
      .addColumn('tx_id', 'bigint', (c) => c.defaultTo(sql`(pg_current_xact_id()::text::bigint)`))
      .execute();
    await db.schema
      .alterTable('events')
      .addColumn('horizon', 'bigint', (c) => c.defaultTo(sql`(pg_snapshot_xmin(pg_current_snapshot())::text::bigint)`))
      .execute();
  } else {
    await db.schema.alterTable('events').addColumn('tx_id', 'integer').execute();
    await db.schema.alterTable('events').addColumn('horizon', 'integer').execute();
  }
  await db.schema.createIndex('events_workspace_tx').on('events').columns(['workspace_id', 'tx_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_workspace_tx').execute();
  await db.schema.alterTable('events').dropColumn('horizon').execute();
  await db.schema.alterTable('events').dropColumn('tx_id').execute();
}
