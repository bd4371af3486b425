import type { Kysely } from 'kysely';

/**
 * Invites link either way now. `to_whatsapp` (every invite before this migration) is the guide's:
 * sent on Instagram, answered with a code on WhatsApp. `to_instagram` is sent on WhatsApp as an
 * ig.me link, answered by Meta's referral on Instagram. The existing columns keep their rows; for
 * a `to_instagram` invite `ig_identity_id` holds the identity the invite was sent to (WhatsApp) and
 * `wa_identity_id` / `wa_conversation_id` the identity and conversation that answered (Instagram):
 * they are the invite's origin and answer, and the invites repository names them by channel.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invites').addColumn('direction', 'text', (c) => c.notNull().defaultTo('to_whatsapp')).execute();
  await db.schema.createIndex('invites_answer_identity').on('invites').columns(['wa_identity_id', 'state']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invites_answer_identity').execute();
  await db.schema.alterTable('invites').dropColumn('direction').execute();
}
