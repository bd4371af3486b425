import type { Kysely } from 'kysely';

/**
 * Sign-in limits move from failure counters read before the password check (so parallel guesses
 * all passed) to one row per password check, written before the check under a lock on the
 * account and the address. Counting rows gives exact rolling windows per account, per address
 * and per account at one address.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_attempts').execute();
  await db.schema
    .createTable('sign_in_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_checks_account').on('sign_in_checks').columns(['account', 'started_at']).execute();
  await db.schema.createIndex('sign_in_checks_address').on('sign_in_checks').columns(['address', 'started_at']).execute();
  await db.schema.createIndex('sign_in_checks_started').on('sign_in_checks').column('started_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_checks').execute();
  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_started_at', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();
}
