import type { RepositoryContext } from './context';

/** Merge suggestions an agent dismissed: stored per pair, in both directions, so neither side offers it again. */
export class SuggestionsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async dismiss(contactId: string, otherContactId: string, dismissedBy: string | null, now: number): Promise<void> {
    await this.ctx.db
      .insertInto('suggestion_dismissals')
      .values([
        { contact_id: contactId, other_contact_id: otherContactId, dismissed_by: dismissedBy, created_at: now },
        { contact_id: otherContactId, other_contact_id: contactId, dismissed_by: dismissedBy, created_at: now },
      ])
      .onConflict((oc) => oc.columns(['contact_id', 'other_contact_id']).doNothing())
      .execute();
  }

  async dismissedFor(contactId: string): Promise<string[]> {
    const rows = await this.ctx.db.selectFrom('suggestion_dismissals').select('other_contact_id').where('contact_id', '=', contactId).execute();
    return rows.map((r) => r.other_contact_id);
  }
}
