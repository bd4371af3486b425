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

  /**
   * Deletes what `collect` found, inside the caller's transaction: messages, conversations,
   * identities, invites, notes, tags, merge requests, suggestions, automation runs, the contacts
   * themselves, and every copy of their words elsewhere (raw webhook deliveries, the realtime log,
   * job payloads). Merges naming them keep only who merged, when and how; audit entries naming them
   * keep only their action, actor and time.
   */
  async erase(rows: CustomerRows, now: number): Promise<void> {
    const { db } = this.ctx;
    const contactIds = rows.contacts.map((c) => c.id);
    const identityIds = rows.identities.map((i) => i.id);
    const conversationIds = rows.conversations.map((c) => c.id);
    const messageIds = rows.messages.map((m) => m.id);
    const inviteIds = rows.invites.map((i) => i.id);

    // Copies of the customer's words and ids outside their own rows: matched by id or platform id.
    const ids = [...contactIds, ...identityIds, ...conversationIds, ...inviteIds, ...messageIds];
    for (const part of chunks(ids)) {
      for (const table of ['events', 'jobs'] as const) {
        const column = table === 'events' ? 'data' : 'payload';
        await db.deleteFrom(table).where((eb) => eb.or(part.map((id) => eb(column, 'like', `%${id}%`)))).execute();
      }
    }
    const platformKeys = [
      ...rows.identities.flatMap((i) => [i.external_id, i.phone]),
      ...rows.messages.map((m) => m.external_id),
    ].filter((key): key is string => Boolean(key && key.length >= 6));
    const channelIds = [...new Set(rows.identities.map((i) => i.channel_id))];
    for (const part of chunks(platformKeys)) {
      if (!channelIds.length) break;
      await db
        .deleteFrom('deliveries')
        .where((eb) => eb.or([eb('channel_id', 'in', channelIds), eb('channel_id', 'is', null)]))
        .where((eb) => eb.or(part.map((key) => eb('body', 'like', `%${key}%`))))
        .execute();
    }
    const senderKeys = rows.identities.flatMap((i) => (i.external_id ? [`wa:${i.external_id}`] : []));
    if (senderKeys.length) await db.deleteFrom('code_guesses').where('sender_key', 'in', senderKeys).execute();

    for (const part of chunks(conversationIds)) {
      await db.deleteFrom('automation_runs').where('conversation_id', 'in', part).execute();
    }
    if (inviteIds.length) await db.deleteFrom('invites').where('id', 'in', inviteIds).execute();
    for (const part of chunks(conversationIds)) {
      await db.deleteFrom('messages').where('conversation_id', 'in', part).execute();
      await db.deleteFrom('conversations').where('id', 'in', part).execute();
    }
    if (identityIds.length) await db.deleteFrom('identities').where('id', 'in', identityIds).execute();
    await db.deleteFrom('notes').where('contact_id', 'in', contactIds).execute();
    await db.deleteFrom('contact_tags').where('contact_id', 'in', contactIds).execute();
    await db.deleteFrom('suggestion_dismissals').where((eb) => eb.or([eb('contact_id', 'in', contactIds), eb('other_contact_id', 'in', contactIds)])).execute();
    if (rows.mergeRequests.length) await db.deleteFrom('merge_requests').where('id', 'in', rows.mergeRequests.map((r) => r.id)).execute();

    for (const merge of rows.merges) {
      const basedOn = (JSON.parse(merge.snapshot) as { basedOn?: unknown }).basedOn;
      const emptied = {
        version: 1,
        before: { contacts: [], identities: [], tags: [], notes: [] },
        moved: { identityIds: [], noteIds: [], tagsAdded: [] },
        basedOn: Array.isArray(basedOn) ? basedOn : [],
      };
      await db.updateTable('merges').set({ snapshot: JSON.stringify(emptied), reason: null, dispute_token_hash: null, erased_at: now }).where('id', '=', merge.id).execute();
    }
    for (const part of chunks(rows.audit.map((a) => Number(a.id)))) {
      await db.updateTable('audit_events').set({ data: JSON.stringify({ erased: true }) }).where('id', 'in', part).execute();
    }
    // Tombstones point at the contact they were merged into: the newest links go first.
    await db.updateTable('contacts').set({ merged_into_id: null }).where('id', 'in', contactIds).execute();
    await db.deleteFrom('contacts').where('id', 'in', contactIds).execute();
  }
}
