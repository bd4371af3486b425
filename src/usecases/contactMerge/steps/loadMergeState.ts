import { notFound } from '../../../domain/shared/errors';
import { type IdentitySnapshot, type MergePlan, planMerge } from '../../../domain/contactMerge/mergePlan';
import type { Contact } from '../../../store/repositories/contacts';
import type { Identity } from '../../../store/repositories/identities';
import type { Repositories } from '../../../store/store';
import { handleOf } from '../../../domain/shared/text';

/** Both contacts as they are now, and the plan the merge rules make of them. */
export interface MergeState {
  survivor: Contact;
  other: Contact;
  survivorIdentities: Identity[];
  otherIdentities: Identity[];
  plan: MergePlan;
}

/**
 * Reads both contacts and plans the merge. With `lock`, the contacts' rows are locked first (in id
 * order, so two merges never deadlock) and everything is read after the lock: a merge that waited
 * for another sees its result, e.g. that one contact is a tombstone now, and refuses cleanly.
 */
export async function loadMergeState(
  repos: Repositories,
  input: { workspaceId: string; survivorId: string; otherId: string; lock: boolean; now: number },
): Promise<MergeState> {
  const ids = [...new Set([input.survivorId, input.otherId])];
  const contacts = input.lock ? await repos.contacts.lock(input.workspaceId, ids) : await repos.contacts.getMany(input.workspaceId, ids);
  const survivor = contacts.find((c) => c.id === input.survivorId);
  const other = contacts.find((c) => c.id === input.otherId);
  if (!survivor || !other) {
    // Another workspace's contact is "not found" here: ids must not reveal what exists elsewhere.
    throw notFound('contact_not_found', 'One of these contacts does not exist in this workspace. Reload the contact and try again.');
  }
  const identities = await repos.identities.forContacts(ids);
  const survivorIdentities = identities.filter((i) => i.contactId === survivor.id);
  const otherIdentities = survivor.id === other.id ? [] : identities.filter((i) => i.contactId === other.id);
  const tags = await repos.contacts.tags(ids);
  const notes = survivor.id === other.id ? [] : await repos.contacts.notes([other.id]);
  const plan = planMerge({
    survivor,
    other,
    survivorIdentities: survivorIdentities.map(toSnapshot),
    otherIdentities: otherIdentities.map(toSnapshot),
    survivorTags: tags.filter((t) => t.contactId === survivor.id).map((t) => t.tag),
    otherTags: tags.filter((t) => t.contactId === other.id).map((t) => t.tag),
    otherNoteIds: notes.map((n) => n.id),
    now: input.now,
  });
  return { survivor, other, survivorIdentities, otherIdentities, plan };
}

export function toSnapshot(identity: Identity): IdentitySnapshot {
  return {
    id: identity.id,
    contactId: identity.contactId,
    channelId: identity.channelId,
    kind: identity.kind,
    externalId: identity.externalId,
    phone: identity.phone,
    username: identity.username,
    displayName: identity.displayName,
  };
}

/** How a contact is named to an agent: its name, else a handle or number of one of its identities. */
export function contactLabel(contact: Contact, identities: Identity[]): string {
  if (contact.name) return contact.name;
  const identity = identities.find((i) => i.contactId === contact.id && (i.username || i.displayName || i.phone));
  if (identity?.username) return handleOf(identity.username);
  if (identity?.displayName) return identity.displayName;
  if (identity?.phone) return `+${identity.phone}`;
  return 'this contact';
}
