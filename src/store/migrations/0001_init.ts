import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect';

/** The whole first model, written once for SQLite and PostgreSQL. */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const serial = pg ? 'bigserial' : 'integer';
  const ms = 'bigint';

  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'agent')`))
    .addColumn('password_hash', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('disabled_at', ms)
    .addColumn('last_seen_at', ms)
    .execute();
  await db.schema.createIndex('users_workspace').on('users').column('workspace_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('last_seen_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('used_at', ms)
    .execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_started_at', ms, (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('instagram', 'whatsapp')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('channels_kind_external', ['kind', 'external_id'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('marketing_consent', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('merged_into_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_workspace').on('contacts').columns(['workspace_id', 'created_at']).execute();
  await db.schema.createIndex('contacts_phone').on('contacts').columns(['workspace_id', 'phone']).execute();
  await db.schema.createIndex('contacts_email').on('contacts').columns(['workspace_id', 'email']).execute();

  await db.schema
    .createTable('contact_tags')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_tags_pk', ['contact_id', 'tag'])
    .execute();

  await db.schema
    .createTable('notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('author_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notes_contact').on('notes').column('contact_id').execute();

  await db.schema
    .createTable('identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('phone', 'text')
    .addColumn('username', 'text')
    .addColumn('display_name', 'text')
    .addColumn('profile_fetched_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addCheckConstraint('identities_key', sql`external_id is not null or phone is not null`)
    .execute();
  // NULLs are distinct in unique indexes on both dialects: a WhatsApp identity may have one key or both.
  await db.schema.createIndex('identities_external').unique().on('identities').columns(['channel_id', 'external_id']).execute();
  await db.schema.createIndex('identities_phone').unique().on('identities').columns(['channel_id', 'phone']).execute();
  await db.schema.createIndex('identities_contact').on('identities').column('contact_id').execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('identity_id', 'text', (c) => c.notNull().unique().references('identities.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('unread_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', ms)
    .addColumn('last_message_preview', 'text')
    .addColumn('last_inbound_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conversations_list')
    .on('conversations')
    .columns(['workspace_id', 'last_message_at', 'id'])
    .execute();
  await db.schema
    .createIndex('conversations_assignee')
    .on('conversations')
    .columns(['workspace_id', 'assignee_id', 'last_message_at', 'id'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error_title', 'text')
    .addColumn('author_id', 'text')
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addColumn('platform_ts', ms, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('messages_external').unique().on('messages').columns(['channel_id', 'external_id']).execute();
  await db.schema.createIndex('messages_thread').on('messages').columns(['conversation_id', 'platform_ts', 'id']).execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel_kind', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('received_at', ms, (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('ig_identity_id', 'text', (c) => c.notNull().references('identities.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('connected_at', ms)
    .addColumn('wa_identity_id', 'text')
    .addColumn('wa_conversation_id', 'text')
    .addColumn('message_id', 'text')
    .execute();
  await db.schema.createIndex('invites_identity').on('invites').columns(['ig_identity_id', 'state']).execute();

  await db.schema
    .createTable('code_guesses')
    .addColumn('sender_key', 'text', (c) => c.primaryKey())
    .addColumn('window_started_at', ms, (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('merge_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('invite_id', 'text')
    .addColumn('survivor_contact_id', 'text', (c) => c.notNull())
    .addColumn('other_contact_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', ms)
    .execute();

  await db.schema
    .createTable('merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('survivor_id', 'text', (c) => c.notNull())
    .addColumn('merged_id', 'text', (c) => c.notNull())
    .addColumn('how', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('undone_at', ms)
    .addColumn('undone_by', 'text')
    .execute();
  await db.schema.createIndex('merges_survivor').on('merges').column('survivor_id').execute();
  await db.schema.createIndex('merges_merged').on('merges').column('merged_id').execute();

  await db.schema
    .createTable('suggestion_dismissals')
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('other_contact_id', 'text', (c) => c.notNull())
    .addColumn('dismissed_by', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('suggestion_dismissals_pk', ['contact_id', 'other_contact_id'])
    .execute();

  await db.schema
    .createTable('automations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('stop_on_agent_action', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cooldown_seconds', 'integer', (c) => c.notNull().defaultTo(3600))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('automation_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('automation_id', 'text', (c) => c.notNull().references('automations.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('trigger_message_id', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('step_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('waiting_until', ms)
    .addColumn('waiting_for_reply', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text')
    .addColumn('started_at', ms, (c) => c.notNull())
    .addColumn('ended_at', ms)
    .execute();
  await db.schema
    .createIndex('automation_runs_conversation')
    .on('automation_runs')
    .columns(['conversation_id', 'state'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_contact').on('audit_events').columns(['contact_id', 'id']).execute();

  await db.schema
    .createTable('events')
    .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_workspace').on('events').columns(['workspace_id', 'id']).execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('run_at', ms, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_until', ms)
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();

  await db.schema
    .createTable('sandbox_customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ig_username', 'text', (c) => c.notNull())
    .addColumn('igsid', 'text', (c) => c.notNull().unique())
    .addColumn('bsuid', 'text', (c) => c.notNull().unique())
    .addColumn('phone', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sandbox_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sandbox_messages_customer').on('sandbox_messages').columns(['customer_id', 'created_at']).execute();
}
