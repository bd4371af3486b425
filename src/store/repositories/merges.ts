import type { Selectable } from 'kysely';
import type { ContactTable, ContactTagTable, IdentityTable, MergeHow } from '../schema';
import type { RepositoryContext } from './context';

export interface Merge {
  id: string;
  workspaceId: string;
  survivorId: string;
  mergedId: string;
  how: MergeHow;
  actorId: string | null;
  reason: string | null;
  /** JSON text as stored: a MergeSnapshot (parsed by the use case that wrote it). */
  snapshot: string;
  createdAt: number;
  undoneAt: number | null;
  undoneBy: string | null;
  /** Set when a contact of this merge was erased: nothing is left to undo. */
  erasedAt?: number | null;
}

/** Rows exactly as stored, so an undo can write back the very bytes that were there. */
export interface ContactRows {
  contacts: Selectable<ContactTable>[];
  identities: Selectable<IdentityTable>[];
  tags: Selectable<ContactTagTable>[];
  notes: { id: string; contact_id: string }[];
}

/** Merges and the raw snapshots they keep of both contacts. */
export class MergesRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(merge: Omit<Merge, 'undoneAt' | 'undoneBy'>, from: { inviteId: string | null } = { inviteId: null }): Promise<void> {
    await this.ctx.db
      .insertInto('merges')
      .values({
        id: merge.id,
        workspace_id: merge.workspaceId,
        survivor_id: merge.survivorId,
        merged_id: merge.mergedId,
        how: merge.how,
        actor_id: merge.actorId,
        reason: merge.reason,
        snapshot: merge.snapshot,
        created_at: merge.createdAt,
        invite_id: from.inviteId,
      })
      .execute();
  }

  /** Keeps the hash of the token the customer's "Not me" reply carries for this merge. */
  async setDisputeToken(id: string, tokenHash: string): Promise<void> {
    await this.ctx.db.updateTable('merges').set({ dispute_token_hash: tokenHash }).where('id', '=', id).execute();
  }

  /** What a "Not me" tap is checked against: the merge's invite and its token hash. */
  async disputeOf(workspaceId: string, id: string): Promise<{ inviteId: string | null; tokenHash: string | null } | undefined> {
    const row = await this.ctx.db
      .selectFrom('merges')
      .select(['invite_id', 'dispute_token_hash'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { inviteId: row.invite_id, tokenHash: row.dispute_token_hash };
  }

  async get(workspaceId: string, id: string): Promise<Merge | undefined> {
    const row = await this.ctx.db.selectFrom('merges').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row && toMerge(row);
  }

  /** Merges where the contacts took part, newest first; `live` keeps those not undone. */
  async forContacts(workspaceId: string, contactIds: string[], options: { live?: boolean } = {}): Promise<Merge[]> {
    if (contactIds.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('merges')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('survivor_id', 'in', contactIds), eb('merged_id', 'in', contactIds)]))
      .$if(options.live === true, (qb) => qb.where('undone_at', 'is', null))
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toMerge);
  }

  /** Marks the merge undone once; false when it already was (a second undo racing the first). */
  async markUndone(id: string, undoneBy: string | null, now: number): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('merges')
      .set({ undone_at: now, undone_by: undoneBy })
      .where('id', '=', id)
      .where('undone_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async captureContacts(contactIds: string[]): Promise<ContactRows> {
    const { db } = this.ctx;
    const contacts = await db.selectFrom('contacts').selectAll().where('id', 'in', contactIds).orderBy('id').execute();
    const identities = await db.selectFrom('identities').selectAll().where('contact_id', 'in', contactIds).orderBy('id').execute();
    const tags = await db.selectFrom('contact_tags').selectAll().where('contact_id', 'in', contactIds).orderBy('contact_id').orderBy('tag').execute();
    const notes = await db.selectFrom('notes').select(['id', 'contact_id']).where('contact_id', 'in', contactIds).orderBy('id').execute();
    return { contacts, identities, tags, notes };
  }

  /** Writes a contact row back exactly as `captureContacts` read it into a merge snapshot (every column but the id). */
  async restoreContact(snapshotRow: Record<string, unknown>): Promise<void> {
    const { id, ...rest } = snapshotRow as unknown as Selectable<ContactTable>;
    await this.ctx.db.updateTable('contacts').set(rest).where('id', '=', id).execute();
  }

  /** Replaces a contact's tags with the given rows (their original creation times included). */
  async replaceTags(contactId: string, rows: Selectable<ContactTagTable>[]): Promise<void> {
    await this.ctx.db.deleteFrom('contact_tags').where('contact_id', '=', contactId).execute();
    if (rows.length) await this.ctx.db.insertInto('contact_tags').values(rows.map((r) => ({ ...r, contact_id: contactId }))).execute();
  }
}

function toMerge(r: {
  id: string; workspace_id: string; survivor_id: string; merged_id: string; how: string; actor_id: string | null;
  reason: string | null; snapshot: string; created_at: number; undone_at: number | null; undone_by: string | null; erased_at?: number | null;
}): Merge {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    survivorId: r.survivor_id,
    mergedId: r.merged_id,
    how: r.how as MergeHow,
    actorId: r.actor_id,
    reason: r.reason,
    snapshot: r.snapshot,
    createdAt: Number(r.created_at),
    undoneAt: r.undone_at === null ? null : Number(r.undone_at),
    undoneBy: r.undone_by,
    erasedAt: r.erased_at == null ? null : Number(r.erased_at),
  };
}
