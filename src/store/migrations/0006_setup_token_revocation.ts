import { type Kysely, sql } from 'kysely';

/**
 * A new setup link revokes the earlier ones. Links printed before this change were all left
 * valid: of each workspace's unused links, only the newest stays so.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('setup_tokens').addColumn('revoked_at', 'bigint').execute();
  await sql`
    update setup_tokens set revoked_at = created_at
    where used_at is null
      and exists (
        select 1 from setup_tokens newer
        where newer.workspace_id = setup_tokens.workspace_id
          and (newer.created_at > setup_tokens.created_at
            or (newer.created_at = setup_tokens.created_at and newer.token_hash > setup_tokens.token_hash))
      )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('setup_tokens').dropColumn('revoked_at').execute();
}
