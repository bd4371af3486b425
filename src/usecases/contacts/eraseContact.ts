import type { AppContext } from '../../context';
import { confirmsErasure } from '../../domain/contacts/erasureConfirmation';
import { badRequest, notFound } from '../../domain/shared/errors';
import type { Identity } from '../../store/repositories/identities';
import { deleteMediaFilesOf } from '../media/steps/deleteMediaFilesOf';

/**
 * Deletes everything Braid keeps about one customer, across every linked identity (contacts
 * merged into this one included), in one transaction: messages, identities, conversations,
 * invites, notes, tags, merge requests, media files, and the data inside merge snapshots and audit entries that
 * name them. What remains is that an erasure happened, by whom and when. A later message from the
 * same Instagram or WhatsApp account starts a new contact. The files' bytes are removed by a job
 * queued in the same transaction (see deleteMediaFilesOf), which resumes if it is interrupted.
 */
export async function eraseContact(ctx: AppContext, input: { workspaceId: string; contactId: string; actorId: string; confirmName: string }) {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const contact = await repos.contacts.resolve(input.workspaceId, input.contactId);
    if (!contact) throw notFound('contact_not_found', 'This contact does not exist in this workspace.');
    const linked = await repos.customerData.linkedContacts(input.workspaceId, contact.id);
    await repos.contacts.lock(input.workspaceId, linked.map((c) => c.id));
    const identities: Identity[] = await repos.identities.forContacts([contact.id]);
    if (!confirmsErasure(input.confirmName, contact, identities)) {
      throw badRequest('confirm_name_mismatch', 'Type the customer’s name exactly as shown to confirm the deletion.');
    }
    const rows = await repos.customerData.collect(input.workspaceId, linked);
    const mediaFiles = await deleteMediaFilesOf(repos, rows.messages.map((m) => m.id), now);
    await repos.customerData.erase(rows, now);
    const summary = { contacts: rows.contacts.length, identities: rows.identities.length, conversations: rows.conversations.length, messages: rows.messages.length, mediaFiles };
    await repos.audit.append(
      { workspaceId: input.workspaceId, actorType: 'user', actorId: input.actorId, action: 'contact.erased', subjectType: 'contact', subjectId: contact.id, contactId: null, data: summary },
      now,
    );
    await repos.events.record(input.workspaceId, 'contact.erased', { contactId: contact.id }, now);
    return { contactId: contact.id, erased: summary };
  });
}
