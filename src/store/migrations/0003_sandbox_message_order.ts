import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * The simulated platform lists a thread "in creation order, ties broken by insertion", and many
 * messages share a millisecond (a send and its status, a burst of automation steps). `seq` is that
 * insertion order, assigned by the database so no caller has to: an identity column on
 * PostgreSQL, the rowid (copied by a trigger) on SQLite, where ALTER TABLE cannot add one.
 * Status updates look messages up by their platform id, hence the index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema.alterTable('sandbox_messages').addColumn('seq', 'bigserial', (c) => c.notNull()).execute();
  } else {
    await db.schema.alterTable('sandbox_messages').addColumn('seq', 'integer').execute();
    await sql`update sandbox_messages set seq = rowid`.execute(db);
    await sql`
      create trigger sandbox_messages_seq after insert on sandbox_messages
      when new.seq is null
      begin
        update sandbox_messages set seq = new.rowid where rowid = new.rowid;
      end`.execute(db);
  }
  await db.schema.createIndex('sandbox_messages_external_id').on('sandbox_messages').column('external_id').execute();
  await db.schema.createIndex('sandbox_messages_order').on('sandbox_messages').columns(['created_at', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sandbox_messages_order').execute();
  await db.schema.dropIndex('sandbox_messages_external_id').execute();
  if (!isPostgres(db)) await sql`drop trigger if exists sandbox_messages_seq`.execute(db);
  await db.schema.alterTable('sandbox_messages').dropColumn('seq').execute();
}
