import type { AppContext } from '../../context';
import type { Contact } from '../../store/repositories/contacts';
import type { Identity } from '../../store/repositories/identities';

export interface ListContactsInput {
  workspaceId: string;
  query?: string;
  limit: number;
  before?: { createdAt: number; id: string };
}

/** Live contacts (tombstones are left out), newest first, searched by name, email, phone or handle. */
export async function listContacts(
  ctx: AppContext,
  input: ListContactsInput,
): Promise<{ contacts: (Contact & { identities: Identity[] })[]; next: { beforeCreatedAt: number; beforeId: string } | null }> {
  const { repos } = ctx.store;
  const contacts = await repos.contacts.search(input.workspaceId, {
    query: input.query,
    limit: input.limit,
    beforeCreatedAt: input.before?.createdAt,
    beforeId: input.before?.id,
  });
  const identities = await repos.identities.forContacts(contacts.map((c) => c.id));
  const last = contacts[contacts.length - 1];
  return {
    contacts: contacts.map((c) => ({ ...c, identities: identities.filter((i) => i.contactId === c.id) })),
    next: contacts.length === input.limit && last ? { beforeCreatedAt: last.createdAt, beforeId: last.id } : null,
  };
}
