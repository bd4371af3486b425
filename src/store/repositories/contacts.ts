import { z } from 'zod';
import type { ContactSnapshot } from '../../domain/contactMerge/mergePlan';
import { phoneDigitsOf } from '../../domain/shared/searchQuery';
import { readJson } from '../json';
import type { Consent } from '../schema';
import type { RepositoryContext } from './context';
import { containsText } from './textSearch';

/** A contact row as the domain sees it (a tombstone when mergedIntoId is set). */
export type Contact = ContactSnapshot;

export interface Note {
  id: string;
  contactId: string;
  authorId: string | null;
  body: string;
  createdAt: number;
}

const attributesSchema = z.record(z.string(), z.unknown());

export class ContactsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(
    input: { id: string; workspaceId: string; name?: string | null; email?: string | null; phone?: string | null },
    now: number,
  ): Promise<Contact> {
    const contact: Contact = {
      id: input.id,
      workspaceId: input.workspaceId,
      name: input.name ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      attributes: {},
      marketingConsent: 'unknown',
      mergedIntoId: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.ctx.db.insertInto('contacts').values(toRow(contact)).execute();
    return contact;
  }

  /** The contact row as stored, tombstones included. */
  async get(workspaceId: string, id: string): Promise<Contact | undefined> {
    const row = await this.ctx.db
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toContact(row);
  }

  async getMany(workspaceId: string, ids: string[]): Promise<Contact[]> {
    if (ids.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .execute();
    return rows.map(toContact);
  }

  /**
   * Locks the contacts' rows until the transaction ends (PostgreSQL); SQLite's single writer
   * already serialises transactions. Rows come back in id order so two lockers never deadlock.
   */
  async lock(workspaceId: string, ids: string[]): Promise<Contact[]> {
    const rows = await this.ctx.db
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .orderBy('id')
      .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
      .execute();
    return rows.map(toContact);
  }

  /** Follows tombstones to the contact that holds the identities now (old links keep working). */
  async resolve(workspaceId: string, id: string): Promise<Contact | undefined> {
    let contact = await this.get(workspaceId, id);
    for (let hops = 0; contact?.mergedIntoId && hops < 50; hops++) {
      contact = await this.get(workspaceId, contact.mergedIntoId);
    }
    return contact;
  }

  async save(contact: Contact): Promise<void> {
    const { id, workspace_id: _w, created_at: _c, ...rest } = toRow(contact);
    await this.ctx.db.updateTable('contacts').set(rest).where('id', '=', id).execute();
  }

  async fillBlanks(id: string, values: { name?: string | null; phone?: string | null; email?: string | null }, now: number): Promise<void> {
    const { db } = this.ctx;
    for (const [column, value] of Object.entries(values) as ['name' | 'phone' | 'email', string | null | undefined][]) {
      if (!value) continue;
      await db.updateTable('contacts').set({ [column]: value, updated_at: now }).where('id', '=', id).where(column, 'is', null).execute();
    }
  }

  async search(
    workspaceId: string,
    options: { query?: string; limit: number; beforeCreatedAt?: number; beforeId?: string },
  ): Promise<Contact[]> {
    const q = options.query?.trim().toLowerCase();
    const digits = phoneDigitsOf(q);
    const rows = await this.ctx.db
      .selectFrom('contacts')
      .selectAll('contacts')
      .where('contacts.workspace_id', '=', workspaceId)
      .where('contacts.merged_into_id', 'is', null)
      .$if(Boolean(q), (qb) =>
        qb.where((eb) =>
          eb.or([
            containsText(eb.fn<string | null>('lower', ['contacts.name']), q!),
            containsText(eb.fn<string | null>('lower', ['contacts.email']), q!),
            ...(digits ? [containsText(eb.ref('contacts.phone'), digits)] : []),
            eb.exists(
              eb
                .selectFrom('identities')
                .select('identities.id')
                .whereRef('identities.contact_id', '=', 'contacts.id')
                .where((ib) =>
                  ib.or([
                    containsText(ib.fn<string | null>('lower', ['identities.username']), q!),
                    containsText(ib.fn<string | null>('lower', ['identities.display_name']), q!),
                    ...(digits ? [containsText(ib.ref('identities.phone'), digits)] : []),
                  ]),
                ),
            ),
          ]),
        ),
      )
      .$if(options.beforeCreatedAt !== undefined, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('contacts.created_at', '<', options.beforeCreatedAt!),
            eb.and([eb('contacts.created_at', '=', options.beforeCreatedAt!), eb('contacts.id', '<', options.beforeId!)]),
          ]),
        ),
      )
      .orderBy('contacts.created_at', 'desc')
      .orderBy('contacts.id', 'desc')
      .limit(options.limit)
      .execute();
    return rows.map(toContact);
  }

  /** Live contacts sharing a phone or email or name: the raw candidates for merge suggestions. */
  async findCandidates(workspaceId: string, keys: { phones: string[]; emails: string[]; names: string[] }, limit = 50): Promise<Contact[]> {
    if (!keys.phones.length && !keys.emails.length && !keys.names.length) return [];
    const rows = await this.ctx.db
      .selectFrom('contacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('merged_into_id', 'is', null)
      .where((eb) =>
        eb.or([
          ...(keys.phones.length ? [eb('phone', 'in', keys.phones)] : []),
          ...(keys.emails.length ? [eb(eb.fn('lower', ['email']), 'in', keys.emails)] : []),
          ...(keys.names.length ? [eb(eb.fn('lower', ['name']), 'in', keys.names)] : []),
        ]),
      )
      .limit(limit)
      .execute();
    return rows.map(toContact);
  }

  async tags(contactIds: string[]): Promise<{ contactId: string; tag: string }[]> {
    if (contactIds.length === 0) return [];
    const rows = await this.ctx.db.selectFrom('contact_tags').select(['contact_id', 'tag']).where('contact_id', 'in', contactIds).orderBy('tag').execute();
    return rows.map((r) => ({ contactId: r.contact_id, tag: r.tag }));
  }

  async addTag(contactId: string, tag: string, now: number): Promise<void> {
    await this.ctx.db
      .insertInto('contact_tags')
      .values({ contact_id: contactId, tag, created_at: now })
      .onConflict((oc) => oc.columns(['contact_id', 'tag']).doNothing())
      .execute();
  }

  /** Removes a tag; false when the contact did not have it. */
  async removeTag(contactId: string, tag: string): Promise<boolean> {
    const result = await this.ctx.db.deleteFrom('contact_tags').where('contact_id', '=', contactId).where('tag', '=', tag).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The distinct tags on the workspace's live contacts, for suggestions while tagging. */
  async workspaceTags(workspaceId: string, limit = 500): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('contact_tags')
      .innerJoin('contacts', 'contacts.id', 'contact_tags.contact_id')
      .select('contact_tags.tag')
      .distinct()
      .where('contacts.workspace_id', '=', workspaceId)
      .where('contacts.merged_into_id', 'is', null)
      .orderBy('contact_tags.tag')
      .limit(limit)
      .execute();
    return rows.map((r) => r.tag);
  }

  async getNote(workspaceId: string, id: string): Promise<Note | undefined> {
    const row = await this.ctx.db.selectFrom('notes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row && { id: row.id, contactId: row.contact_id, authorId: row.author_id, body: row.body, createdAt: row.created_at };
  }

  async updateNoteBody(id: string, body: string): Promise<void> {
    await this.ctx.db.updateTable('notes').set({ body }).where('id', '=', id).execute();
  }

  async deleteNote(id: string): Promise<void> {
    await this.ctx.db.deleteFrom('notes').where('id', '=', id).execute();
  }

  async notes(contactIds: string[]): Promise<Note[]> {
    if (contactIds.length === 0) return [];
    const rows = await this.ctx.db.selectFrom('notes').selectAll().where('contact_id', 'in', contactIds).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, contactId: r.contact_id, authorId: r.author_id, body: r.body, createdAt: r.created_at }));
  }

  async addNote(note: Note & { workspaceId: string }): Promise<void> {
    await this.ctx.db
      .insertInto('notes')
      .values({ id: note.id, workspace_id: note.workspaceId, contact_id: note.contactId, author_id: note.authorId, body: note.body, created_at: note.createdAt })
      .execute();
  }

  /** Re-points notes between contacts (used by merge and its undo); the notes themselves do not change. */
  async moveNotes(noteIds: string[], contactId: string): Promise<void> {
    if (noteIds.length === 0) return;
    await this.ctx.db.updateTable('notes').set({ contact_id: contactId }).where('id', 'in', noteIds).execute();
  }
}

function toRow(c: Contact) {
  return {
    id: c.id,
    workspace_id: c.workspaceId,
    name: c.name,
    email: c.email,
    phone: c.phone,
    attributes: JSON.stringify(c.attributes),
    marketing_consent: c.marketingConsent,
    merged_into_id: c.mergedIntoId,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function toContact(r: ReturnType<typeof toRow>): Contact {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    attributes: readJson(attributesSchema, r.attributes),
    marketingConsent: r.marketing_consent as Consent,
    mergedIntoId: r.merged_into_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
