import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import * as init from './migrations/0001_init';
import * as automationRunProgress from './migrations/0002_automation_run_progress';
import * as sandboxMessageOrder from './migrations/0003_sandbox_message_order';
import * as auditLookups from './migrations/0004_audit_lookups';
import * as signInChecks from './migrations/0005_sign_in_checks';
import * as setupTokenRevocation from './migrations/0006_setup_token_revocation';
import * as mergeDisputes from './migrations/0007_merge_disputes';
import * as mergeErasure from './migrations/0008_merge_erasure';
import * as eventCommitHorizon from './migrations/0009_event_commit_horizon';
import * as channelCredentials from './migrations/0010_channel_credentials';
import * as mediaFiles from './migrations/0011_media_files';
import * as whatsappTemplates from './migrations/0012_whatsapp_templates';
import * as inviteDirection from './migrations/0013_invite_direction';
import * as mediaDeletions from './migrations/0017_media_deletions';

/** Migrations are listed here (not read from disk) so they run the same under tsx, tests and bundles. */
const migrations: Record<string, Migration> = {
  '0001_init': init,
  '0002_automation_run_progress': automationRunProgress,
  '0003_sandbox_message_order': sandboxMessageOrder,
  '0004_audit_lookups': auditLookups,
  '0005_sign_in_checks': signInChecks,
  '0006_setup_token_revocation': setupTokenRevocation,
  '0007_merge_disputes': mergeDisputes,
  '0008_merge_erasure': mergeErasure,
  '0009_event_commit_horizon': eventCommitHorizon,
  '0010_channel_credentials': channelCredentials,
  '0011_media_files': mediaFiles,
  '0012_whatsapp_templates': whatsappTemplates,
  '0013_invite_direction': inviteDirection,
  '0017_media_deletions': mediaDeletions,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  await migrate(db, (migrator) => migrator.migrateToLatest());
}

/** Migrates up to and including `name`: for tests of what one migration does to existing rows. */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  await migrate(db, (migrator) => migrator.migrateTo(name));
}

async function migrate(db: Kysely<any>, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<void> {
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await run(migrator);
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${(error as Error)?.message ?? 'unknown error'}`);
  }
}
