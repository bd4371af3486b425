import { notFound } from '../../../domain/shared/errors';
import type { Contact } from '../../../store/repositories/contacts';
import type { Repositories } from '../../../store/store';

/** The live contact behind an id (an old link to a merged-away contact reaches its survivor), or 404. */
export async function liveContact(repos: Repositories, workspaceId: string, contactId: string): Promise<Contact> {
  const contact = await repos.contacts.resolve(workspaceId, contactId);
  if (!contact) throw notFound('contact_not_found', 'This contact does not exist in this workspace.');
  return contact;
}

/**
 * Writes what an agent changed on a contact (tags, notes) to the audit trail, and a realtime
 * event so every open tab showing the contact refetches it.
 */
export async function recordContactChange(
  repos: Repositories,
  input: { workspaceId: string; contactId: string; actorId: string; action: string; subjectType: string; subjectId: string; data: Record<string, unknown>; now: number },
): Promise<void> {
  await repos.audit.append(
    {
      workspaceId: input.workspaceId,
      actorType: 'user',
      actorId: input.actorId,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      contactId: input.contactId,
      data: input.data,
    },
    input.now,
  );
  await repos.events.record(input.workspaceId, 'contact.updated', { contactId: input.contactId, change: input.action }, input.now);
}
