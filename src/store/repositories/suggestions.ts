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

  /**
   * Live contacts that share a phone, email or name with the keys, on the contact or on one of its
   * identities (a WhatsApp phone, an Instagram display name): candidates the domain then scores.
   */
  async candidateContactIds(
    workspaceId: string,
    keys: { phones: string[]; emails: string[]; names: string[] },
    limit = 50,
  ): Promise<string[]> {
    const { phones, emails, names } = keys;
    if (!phones.length && !emails.length && !names.length) return [];
    const rows = await this.ctx.db
      .selectFrom('contacts as c')
      .select('c.id')
      .where('c.workspace_id', '=', workspaceId)
      .where('c.merged_into_id', 'is', null)
      .where((eb) =>
        eb.or([
          ...(phones.length ? [eb('c.phone', 'in', phones)] : []),
          ...(emails.length ? [eb(eb.fn('lower', ['c.email']), 'in', emails)] : []),
          ...(names.length ? [eb(eb.fn('lower', ['c.name']), 'in', names)] : []),
          ...(phones.length || names.length
            ? [
                eb.exists(
                  eb
                    .selectFrom('identities as i')
                    .select('i.id')
                    .whereRef('i.contact_id', '=', 'c.id')
                    .where((ib) =>
                      ib.or([
                        ...(phones.length ? [ib('i.phone', 'in', phones)] : []),
                        ...(names.length ? [ib(ib.fn('lower', ['i.display_name']), 'in', names)] : []),
                      ]),
                    ),
                ),
              ]
            : []),
        ]),
      )
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }
}
