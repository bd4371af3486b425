import type { Selectable } from 'kysely';
import type { AuditEventTable, ContactTable, ConversationTable, IdentityTable, InviteTable, MergeRequestTable, MergeTable, MessageTable, NoteTable } from '../schema';
import type { RepositoryContext } from './context';

/** Every row Braid keeps about one person, as stored: what an export shows and an erasure deletes. */
export interface CustomerRows {
  /** The live contact first, then every contact merged into it (directly or through others). */
  contacts: Selectable<ContactTable>[];
  identities: Selectable<IdentityTable>[];
  conversations: Selectable<ConversationTable>[];
  messages: Selectable<MessageTable>[];
  notes: Selectable<NoteTable>[];
  tags: { contact_id: string; tag: string; created_at: number }[];
  invites: Selectable<InviteTable>[];
  mergeRequests: Selectable<MergeRequestTable>[];
  merges: Selectable<MergeTable>[];
  audit: Selectable<AuditEventTable>[];
}

const CHUNK = 500;
const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Reads (and, for an erasure, deletes) everything about one customer across their linked contacts. */
export class CustomerDataRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /** The contact and every tombstone that resolves to it. */
  async linkedContacts(workspaceId: string, contactId: string): Promise<Selectable<ContactTable>[]> {
    const { db } = this.ctx;
    const found = await db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', contactId).execute();
    for (let frontier = found.map((c) => c.id); frontier.length && found.length < 1000; ) {
      const next = await db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('merged_into_id', 'in', frontier).orderBy('created_at').execute();
      const fresh = next.filter((c) => !found.some((f) => f.id === c.id));
      found.push(...fresh);
      frontier = fresh.map((c) => c.id);
    }
    return found;
  }

  async collect(workspaceId: string, contacts: Selectable<ContactTable>[]): Promise<CustomerRows> {
    const { db } = this.ctx;
    const contactIds = contacts.map((c) => c.id);
    const identities = await db.selectFrom('identities').selectAll().where('contact_id', 'in', contactIds).orderBy('created_at').execute();
    const identityIds = identities.map((i) => i.id);
    const conversations = identityIds.length ? await db.selectFrom('conversations').selectAll().where('identity_id', 'in', identityIds).orderBy('created_at').execute() : [];
    const conversationIds = conversations.map((c) => c.id);
    const messages: Selectable<MessageTable>[] = [];
    for (const part of chunks(conversationIds)) {
      messages.push(...(await db.selectFrom('messages').selectAll().where('conversation_id', 'in', part).orderBy('platform_ts').orderBy('id').execute()));
    }
    const notes = await db.selectFrom('notes').selectAll().where('contact_id', 'in', contactIds).orderBy('created_at').execute();
    const tags = await db.selectFrom('contact_tags').selectAll().where('contact_id', 'in', contactIds).orderBy('tag').execute();
    const invites = await db
      .selectFrom('invites')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('contact_id', 'in', contactIds), ...(identityIds.length ? [eb('ig_identity_id', 'in', identityIds), eb('wa_identity_id', 'in', identityIds)] : [])]))
      .orderBy('created_at')
      .execute();
    const mergeRequests = await db
      .selectFrom('merge_requests')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('survivor_contact_id', 'in', contactIds), eb('other_contact_id', 'in', contactIds)]))
      .orderBy('created_at')
      .execute();
    const merges = await db
      .selectFrom('merges')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('survivor_id', 'in', contactIds), eb('merged_id', 'in', contactIds)]))
      .orderBy('created_at')
      .execute();
    const subjects = [...contactIds, ...identityIds, ...conversationIds, ...notes.map((n) => n.id), ...invites.map((i) => i.id), ...mergeRequests.map((r) => r.id), ...merges.map((m) => m.id)];
    const audit = new Map<number, Selectable<AuditEventTable>>();
    for (const part of chunks(subjects)) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where((eb) => eb.or([eb('contact_id', 'in', part), eb('subject_id', 'in', part)]))
        .execute();
      for (const row of rows) audit.set(Number(row.id), row);
    }
    return { contacts, identities, conversations, messages, notes, tags, invites, mergeRequests, merges, audit: [...audit.values()].sort((a, b) => Number(a.id) - Number(b.id)) };
  }
}
