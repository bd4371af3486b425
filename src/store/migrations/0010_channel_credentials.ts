import type { Kysely } from 'kysely';

/**
 * Channels become data an admin manages: each row carries its own access token and app secret
 * (sealed with the instance key, never in clear), where it came from (the environment or the
 * Settings page), its health, and the last webhook it received. Rows that exist already were all
 * created from the environment variables, hence the default: they keep reading their secrets there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  const columns: Array<[string, 'text' | typeof ms, boolean, string | undefined]> = [
    ['source', 'text', true, 'environment'],
    ['access_token_sealed', 'text', false, undefined],
    ['app_secret_sealed', 'text', false, undefined],
    ['token_hint', 'text', false, undefined],
    ['secret_hint', 'text', false, undefined],
    ['status', 'text', true, 'connected'],
    ['status_reason', 'text', false, undefined],
    ['details', 'text', true, '{}'],
    ['last_webhook_at', ms, false, undefined],
    ['disconnected_at', ms, false, undefined],
  ];
  for (const [name, type, notNull, fallback] of columns) {
    await db.schema
      .alterTable('channels')
      .addColumn(name, type, (c) => {
        let column = fallback === undefined ? c : c.defaultTo(fallback);
        if (notNull) column = column.notNull();
        return column;
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'disconnected_at',
    'last_webhook_at',
    'details',
    'status_reason',
    'status',
    'secret_hint',
    'token_hint',
    'app_secret_sealed',
    'access_token_sealed',
    'source',
  ]) {
    await db.schema.alterTable('channels').dropColumn(name).execute();
  }
}
