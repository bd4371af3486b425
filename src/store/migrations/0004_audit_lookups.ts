import type { Kysely } from 'kysely';

/**
 * Before every automation step the engine asks the audit log whether a person assigned the
 * conversation (by subject), and the assign step asks whom automations assigned lately (by action).
 * Without these indexes both questions would read the whole append-only log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_subject').on('audit_events').columns(['subject_id', 'action']).execute();
  await db.schema.createIndex('audit_action').on('audit_events').columns(['workspace_id', 'action', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_action').execute();
  await db.schema.dropIndex('audit_subject').execute();
}
