import type { Kysely } from 'kysely';

/**
 * A merge made through an invite remembers its invite, and the hash of the token behind the
 * customer's "Not me" quick reply, so a tap on it can undo exactly that merge and nothing else.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('merges').addColumn('invite_id', 'text').execute();
  await db.schema.alterTable('merges').addColumn('dispute_token_hash', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('merges').dropColumn('dispute_token_hash').execute();
  await db.schema.alterTable('merges').dropColumn('invite_id').execute();
}
