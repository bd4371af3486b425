import { type Kysely, sql } from 'kysely';

/**
 * What a durable automation run needs beyond the first model:
 * - `seq` counts the steps a run has taken. A step job carries the seq it was written for, so a
 *   job that arrives late (a retried claim, a timeout after the reply already came) finds the run
 *   moved on and does nothing: a step never executes twice, even when a loop revisits a step.
 * - `waiting_since` is when a wait for the customer's reply began; only a message that arrived
 *   after it can answer that wait.
 * - `reply_message_id` is the customer's latest answer during the run, read by branch steps.
 * - One active run per conversation, enforced by the database: two messages handled at the same
 *   moment by two workers can never start two sequences that talk over each other.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('automation_runs').addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('automation_runs').addColumn('waiting_since', 'bigint').execute();
  await db.schema.alterTable('automation_runs').addColumn('reply_message_id', 'text').execute();
  await db.schema
    .createIndex('automation_runs_one_active')
    .on('automation_runs')
    .column('conversation_id')
    .unique()
    .where(sql.ref('state'), '=', sql.lit('active'))
    .execute();
  await db.schema.createIndex('automation_runs_automation').on('automation_runs').columns(['automation_id', 'started_at']).execute();
  await db.schema.createIndex('automations_channel').on('automations').columns(['channel_id', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('automations_channel').execute();
  await db.schema.dropIndex('automation_runs_automation').execute();
  await db.schema.dropIndex('automation_runs_one_active').execute();
  await db.schema.alterTable('automation_runs').dropColumn('reply_message_id').execute();
  await db.schema.alterTable('automation_runs').dropColumn('waiting_since').execute();
  await db.schema.alterTable('automation_runs').dropColumn('seq').execute();
}
