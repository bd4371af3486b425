import type { Generated } from 'kysely';
import type { ChannelKind } from '../domain/shared/channelKind';

/**
 * One typed schema for both dialects. Portable column choices:
 * times are integer epoch milliseconds, booleans are 0/1 integers, JSON is text
 * (parsed by the repositories with zod), ids are text except the append-only
 * logs whose increasing integer ids give an order (events for SSE replay, audit).
 */
export interface DB {
  workspaces: WorkspaceTable;
  users: UserTable;
  sessions: SessionTable;
  setup_tokens: SetupTokenTable;
  sign_in_checks: SignInCheckTable;
  channels: ChannelTable;
  contacts: ContactTable;
  contact_tags: ContactTagTable;
  notes: NoteTable;
  identities: IdentityTable;
  conversations: ConversationTable;
  messages: MessageTable;
  deliveries: DeliveryTable;
  invites: InviteTable;
  code_guesses: CodeGuessTable;
  merge_requests: MergeRequestTable;
  merges: MergeTable;
  suggestion_dismissals: SuggestionDismissalTable;
  automations: AutomationTable;
  automation_runs: AutomationRunTable;
  audit_events: AuditEventTable;
  events: EventTable;
  jobs: JobTable;
  sandbox_customers: SandboxCustomerTable;
  sandbox_messages: SandboxMessageTable;
  whatsapp_templates: WhatsAppTemplateTable;
  media_files: MediaFileTable;
  media_deletions: MediaDeletionTable;
}

export interface WorkspaceTable {
  id: string;
  name: string;
  /** JSON: WorkspaceSettings (invite sentence, invite expiry, …). */
  settings: string;
  created_at: number;
}

export type Role = 'admin' | 'agent';

export interface UserTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  created_at: number;
  disabled_at: number | null;
  last_seen_at: number | null;
}

export interface SessionTable {
  /** sha256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  workspace_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

/** A one-time link that creates a workspace's first admin; only the newest unused one works. */
export interface SetupTokenTable {
  token_hash: string;
  workspace_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /** Set when a newer link was issued for the workspace. */
  revoked_at: number | null;
}

/** One password check: written before the check, kept if it failed, deleted when it succeeded. */
export interface SignInCheckTable {
  id: string;
  /** The email as typed, trimmed and lower-cased, whether or not such an account exists. */
  account: string;
  /** The client address (see BRAID_TRUST_PROXY). */
  address: string;
  started_at: number;
}

export type { ChannelKind } from '../domain/shared/channelKind';

export interface ChannelTable {
  id: string;
  workspace_id: string;
  kind: ChannelKind;
  name: string;
  /** Instagram: the IG professional account id (webhook entry.id). WhatsApp: the phone number id. */
  external_id: string;
  /** JSON: ChannelSettings (allowAutoMerge, …). */
  settings: string;
  created_at: number;
  /** 'environment': secrets come from the environment variables and are never stored here. */
  source: Generated<ChannelSource>;
  /** AES-256-GCM sealed with the instance key (see domain/channels/sealedSecret). */
  access_token_sealed: string | null;
  app_secret_sealed: string | null;
  /** The last 4 characters, the only part of a secret the API shows. */
  token_hint: string | null;
  secret_hint: string | null;
  status: Generated<ChannelStatus>;
  status_reason: string | null;
  /** JSON: ChannelDetails (what Meta reports about the account). */
  details: Generated<string>;
  last_webhook_at: number | null;
  disconnected_at: number | null;
}

export type ChannelSource = 'environment' | 'settings';
export type ChannelStatus = 'connected' | 'needs_attention';

export type Consent = 'granted' | 'unknown' | 'denied';

export interface ContactTable {
  id: string;
  workspace_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** JSON object of custom attributes. */
  attributes: string;
  marketing_consent: Consent;
  /** Set on the merged-away contact: it is a tombstone that resolves to the survivor. */
  merged_into_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface ContactTagTable {
  contact_id: string;
  tag: string;
  created_at: number;
}

export interface NoteTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  author_id: string | null;
  body: string;
  created_at: number;
}

export interface IdentityTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  channel_id: string;
  kind: ChannelKind;
  /** Instagram: IGSID. WhatsApp: business-scoped user id (BSUID) when known. */
  external_id: string | null;
  /** WhatsApp phone (digits, no +) when Meta sends one. */
  phone: string | null;
  username: string | null;
  display_name: string | null;
  profile_fetched_at: number | null;
  created_at: number;
}

export type ConversationStatus = 'open' | 'closed';

export interface ConversationTable {
  id: string;
  workspace_id: string;
  identity_id: string;
  channel_id: string;
  kind: ChannelKind;
  status: ConversationStatus;
  assignee_id: string | null;
  unread_count: number;
  last_message_at: number | null;
  last_message_preview: string | null;
  /** Platform time of the customer's last message: the reply window runs from here. */
  last_inbound_at: number | null;
  created_at: number;
}

export type MessageDirection = 'inbound' | 'outbound' | 'system';
export type MessageStatus = 'received' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface MessageTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  channel_id: string;
  kind: ChannelKind;
  direction: MessageDirection;
  /** mid / wamid; unique per channel so redeliveries are dropped by the database. */
  external_id: string | null;
  /** text, image, video, audio, file, share, story_mention, quick_reply, postback, reaction, button, interactive, location, contacts, unsupported, deleted, system types (note, invite, merge_request, merge, automation, assignment). */
  type: string;
  text: string | null;
  /** JSON: attachments, payloads, references to invites/merges. */
  payload: string;
  status: MessageStatus;
  error_code: string | null;
  error_title: string | null;
  author_id: string | null;
  /** agent | automation | system | business_app | customer */
  sent_by: string;
  platform_ts: number;
  created_at: number;
}

export interface DeliveryTable {
  id: string;
  channel_kind: string;
  channel_id: string | null;
  received_at: number;
  body: string;
  outcome: 'accepted' | 'rejected';
  reason: string | null;
  events: number;
}

export type InviteState = 'sent' | 'connected' | 'merged' | 'expired' | 'superseded' | 'rejected' | 'disputed';

/** Where an invite takes the customer: the guide's Instagram → WhatsApp, or WhatsApp → Instagram. */
export type InviteDirection = 'to_whatsapp' | 'to_instagram';

export interface InviteTable {
  id: string;
  /** Defaults to `to_whatsapp`; see migration 0013 for what the identity columns hold per direction. */
  direction: Generated<InviteDirection>;
  workspace_id: string;
  contact_id: string;
  conversation_id: string;
  ig_identity_id: string;
  code_hash: string;
  state: InviteState;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  connected_at: number | null;
  wa_identity_id: string | null;
  wa_conversation_id: string | null;
  /** The thread item that shows the invite. */
  message_id: string | null;
}

export interface CodeGuessTable {
  sender_key: string;
  window_started_at: number;
  failures: number;
}

export type MergeRequestState = 'pending' | 'accepted' | 'rejected';

export interface MergeRequestTable {
  id: string;
  workspace_id: string;
  invite_id: string | null;
  survivor_contact_id: string;
  other_contact_id: string;
  state: MergeRequestState;
  /** Why the agent is asked: manual mode or the conflict found. */
  reason: string;
  created_at: number;
  decided_by: string | null;
  decided_at: number | null;
}

export type MergeHow = 'auto' | 'manual' | 'invite' | 'contact_view';

export interface MergeTable {
  id: string;
  workspace_id: string;
  survivor_id: string;
  merged_id: string;
  how: MergeHow;
  actor_id: string | null;
  reason: string | null;
  /** JSON: both contacts, their identities, tags and notes as they were before. */
  snapshot: string;
  created_at: number;
  undone_at: number | null;
  undone_by: string | null;
  /** The invite the merge completed, if it came from one. */
  invite_id: string | null;
  /** sha256 of the token in the customer's "Not me" quick reply (invite merges only). */
  dispute_token_hash: string | null;
  /** Set when a contact of the merge was erased: the snapshot is emptied and undo is refused. */
  erased_at: number | null;
}

export interface SuggestionDismissalTable {
  contact_id: string;
  other_contact_id: string;
  dismissed_by: string | null;
  created_at: number;
}

export interface AutomationTable {
  id: string;
  workspace_id: string;
  channel_id: string;
  name: string;
  enabled: number;
  position: number;
  /** JSON: AutomationTrigger */
  trigger: string;
  /** JSON: AutomationStep[] */
  steps: string;
  stop_on_agent_action: number;
  cooldown_seconds: number;
  created_at: number;
  updated_at: number;
}

export type AutomationRunState = 'active' | 'completed' | 'stopped' | 'failed';

export interface AutomationRunTable {
  id: string;
  workspace_id: string;
  automation_id: string;
  conversation_id: string;
  /** Unique: a redelivered message cannot start a second run. */
  trigger_message_id: string;
  state: AutomationRunState;
  step_index: number;
  waiting_until: number | null;
  waiting_for_reply: number;
  reason: string | null;
  started_at: number;
  ended_at: number | null;
  /** Steps taken so far; a step job is for one seq, so a late or repeated job does nothing. */
  seq: Generated<number>;
  /** When the current wait for the customer's reply began. */
  waiting_since: number | null;
  /** The customer's latest answer during the run (read by branch steps). */
  reply_message_id: string | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  workspace_id: string;
  /** user | automation | system | customer */
  actor_type: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  contact_id: string | null;
  /** JSON */
  data: string;
  created_at: number;
}

export interface EventTable {
  id: Generated<number>;
  workspace_id: string;
  type: string;
  /** JSON */
  data: string;
  created_at: number;
  /** PostgreSQL: the writing transaction's id and the oldest transaction open at the write (null on SQLite). */
  tx_id: Generated<number | null>;
  horizon: Generated<number | null>;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobTable {
  id: string;
  kind: string;
  /** JSON */
  payload: string;
  /** Idempotency key: a second job with the same key is not enqueued. */
  key: string | null;
  state: JobState;
  run_at: number;
  attempts: number;
  max_attempts: number;
  locked_until: number | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface SandboxCustomerTable {
  id: string;
  name: string;
  ig_username: string;
  igsid: string;
  bsuid: string;
  phone: string | null;
  created_at: number;
}

export interface SandboxMessageTable {
  id: string;
  customer_id: string | null;
  /** instagram | whatsapp */
  channel: string;
  /** from_customer | to_customer */
  direction: string;
  /** mid / wamid the platform assigned */
  external_id: string;
  /** JSON: the exact Graph request body or the webhook message */
  body: string;
  status: string;
  created_at: number;
  /** Insertion order, assigned by the database; breaks ties between equal created_at. */
  seq: Generated<number>;
}

/** A WhatsApp message template as Meta last listed it for the channel's business account. */
export interface WhatsAppTemplateTable {
  id: string;
  workspace_id: string;
  channel_id: string;
  name: string;
  /** Meta's language code, e.g. en_US. */
  language: string;
  category: string;
  /** APPROVED, REJECTED, PENDING, PAUSED, DISABLED: only APPROVED ones can be sent. */
  status: string;
  /** JSON: Meta's components (header, body, footer, buttons) as listed. */
  components: string;
  synced_at: number;
}

export type MediaFileState = 'pending' | 'stored' | 'failed';

export interface MediaFileTable {
  id: string;
  workspace_id: string;
  message_id: string;
  /** The attachment's index in the message's payload.attachments. */
  position: number;
  channel_id: string;
  /** image, audio, video, file, sticker (the attachment's type). */
  kind: string;
  /** WhatsApp media id or Instagram CDN URL to download from; null for an agent's upload. */
  source: string | null;
  state: MediaFileState;
  content_type: string | null;
  size: number | null;
  filename: string | null;
  storage_key: string | null;
  /** Why the file is not available (failed state). */
  failure: string | null;
  created_at: number;
  updated_at: number;
}

/** A stored file whose row is gone: its bytes are removed by the worker, then this row. */
export interface MediaDeletionTable {
  storage_key: string;
  workspace_id: string;
  created_at: number;
}
