import type { Kysely } from 'kysely';

/**
 * Media files of messages: one row per attachment that Braid downloads from Meta (a customer's
 * photo, voice note, document) or that an agent sends. The bytes live in the media storage port
 * under `storage_key`; the row says what the file is and whether it could be fetched, and why not.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    // The attachment's place in the message's payload.attachments.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // A WhatsApp media id, or an Instagram CDN URL, to download from; null for an agent's upload.
    .addColumn('source', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text')
    .addColumn('size', 'bigint')
    .addColumn('filename', 'text')
    .addColumn('storage_key', 'text')
    .addColumn('failure', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_files_message').on('media_files').columns(['message_id', 'position']).unique().execute();
  await db.schema.createIndex('media_files_workspace').on('media_files').columns(['workspace_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('media_files').execute();
}
