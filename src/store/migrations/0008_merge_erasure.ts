import type { Kysely } from 'kysely';

/**
 * A merge naming a customer whose data was erased keeps its row (who merged, when, how) with the
 * snapshot emptied; `erased_at` says so, and undo is refused with that reason.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('merges').addColumn('erased_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('merges').dropColumn('erased_at').execute();
}
