import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import { findMergeSuggestions, type MergeSuggestion } from '../../domain/contactMerge/mergePlan';
import { emailMatchKey, phoneMatchKey } from '../../domain/shared/phone';
import type { Contact } from '../../store/repositories/contacts';
import { toSnapshot } from './steps/loadMergeState';

/**
 * Contacts that are probably the same customer (same phone, email, or the same name on the two
 * channels), strongest first, without the pairs an agent dismissed. Only ever shown: merging
 * takes the agent's click on the contact view.
 */
export async function listMergeSuggestions(
  ctx: AppContext,
  input: { workspaceId: string; contactId: string },
): Promise<{ contactId: string; suggestions: (MergeSuggestion & { contact: Contact })[] }> {
  const { repos } = ctx.store;
  const contact = await repos.contacts.resolve(input.workspaceId, input.contactId);
  if (!contact) throw notFound('contact_not_found', 'This contact does not exist in this workspace.');
  const identities = await repos.identities.forContacts([contact.id]);
  const phones = [contact.phone, ...identities.map((i) => i.phone)].map(phoneMatchKey).filter((p): p is string => p !== null);
  const email = emailMatchKey(contact.email);
  // The database narrows by lower-cased names; the domain decides what counts as the same name.
  const names = [contact.name, ...identities.map((i) => i.displayName)].filter((n): n is string => Boolean(n?.trim())).map((n) => n.trim().toLowerCase());
  const ids = (await repos.suggestions.candidateContactIds(input.workspaceId, { phones, emails: email ? [email] : [], names })).filter((id) => id !== contact.id);
  const candidates = await repos.contacts.getMany(input.workspaceId, ids);
  const candidateIdentities = await repos.identities.forContacts(ids);
  const dismissed = (await repos.suggestions.dismissedFor(contact.id)).map((otherContactId) => ({ contactId: contact.id, otherContactId }));
  const suggestions = findMergeSuggestions(
    contact,
    identities.map(toSnapshot),
    candidates.map((c) => ({ contact: c, identities: candidateIdentities.filter((i) => i.contactId === c.id).map(toSnapshot) })),
    dismissed,
  );
  return { contactId: contact.id, suggestions: suggestions.map((s) => ({ ...s, contact: candidates.find((c) => c.id === s.contactId)! })) };
}
