import type { Kysely } from 'kysely';

/**
 * Media files waiting to be removed from storage. An erasure or a retention sweep deletes the
 * file rows in its own transaction and leaves their storage keys here; the worker deletes the
 * bytes and then the key, so files whose removal was interrupted are removed on a later run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media_deletions')
    .addColumn('storage_key', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('media_deletions').execute();
}
