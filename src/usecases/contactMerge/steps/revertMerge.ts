import { conflict } from '../../../domain/shared/errors';
import type { Merge } from '../../../store/repositories/merges';
import type { Repositories } from '../../../store/store';
import { type Actor, addSystemItem } from '../../messages/steps/systemItems';
import { recordAssignment } from '../../conversations/steps/recordAssignment';
import { mergeSnapshotSchema } from './applyMerge';

/**
 * Puts both contacts back as the merge's snapshot holds them, inside the caller's transaction:
 * byte for byte (attributes, consent, tags, notes, which identities they hold). What arrived since
 * stays with the identity it arrived on. Refused while a later live merge is built on this one.
 */
export async function revertMerge(repos: Repositories, input: { merge: Merge; actor: Actor; reason?: string | null; now: number }): Promise<Merge> {
  const { merge, now } = input;
  if (merge.erasedAt) {
    throw conflict('merge_contact_erased', 'This merge cannot be undone: the data of a customer it joined was deleted, so there is nothing left to restore.');
  }
  if (merge.undoneAt !== null) throw alreadyUndone();
  await repos.contacts.lock(merge.workspaceId, [merge.survivorId, merge.mergedId]);

  const later = (await repos.merges.forContacts(merge.workspaceId, [merge.survivorId, merge.mergedId], { live: true })).filter(
    (m) => m.id !== merge.id && mergeSnapshotSchema.parse(JSON.parse(m.snapshot)).basedOn.includes(merge.id),
  );
  if (later.length) {
    throw conflict('undo_out_of_order', 'A later merge was built on this one. Undo the later merge first, then this one.', {
      laterMergeIds: later.map((m) => m.id),
    });
  }
  if (!(await repos.merges.markUndone(merge.id, input.actor.id, now))) throw alreadyUndone();

  const snapshot = mergeSnapshotSchema.parse(JSON.parse(merge.snapshot));
  const { before, moved } = snapshot;
  for (const row of before.contacts) await repos.merges.restoreContact(row);
  await repos.identities.repoint(moved.identityIds, merge.mergedId);
  await repos.contacts.moveNotes(moved.noteIds, merge.mergedId);

  // The survivor's tags as they were, plus any tag added to it since the merge.
  const tagsAtMerge = new Set([...before.tags.filter((t) => t.contact_id === merge.survivorId).map((t) => t.tag), ...moved.tagsAdded]);
  const current = await repos.merges.captureContacts([merge.survivorId]);
  const addedSince = current.tags.filter((t) => !tagsAtMerge.has(t.tag)).map((t) => ({ ...t, created_at: Number(t.created_at) }));
  await repos.merges.replaceTags(merge.survivorId, [...before.tags.filter((t) => t.contact_id === merge.survivorId), ...addedSince]);
  await repos.merges.replaceTags(merge.mergedId, before.tags.filter((t) => t.contact_id === merge.mergedId));

  await takeBackSharedAssignee(repos, merge, moved.identityIds, input.actor, now);

  const data = { mergeId: merge.id, survivorId: merge.survivorId, mergedId: merge.mergedId, how: merge.how, reason: input.reason ?? null };
  for (const contactId of [merge.survivorId, merge.mergedId]) {
    await repos.audit.append(
      { workspaceId: merge.workspaceId, actorType: input.actor.type, actorId: input.actor.id, action: 'contact.unmerged', subjectType: 'merge', subjectId: merge.id, contactId, data },
      now,
    );
  }
  const identities = await repos.identities.forContacts([merge.survivorId, merge.mergedId]);
  const conversations = await repos.conversations.forIdentities(identities.map((i) => i.id));
  for (const conversation of conversations) {
    await addSystemItem(
      repos,
      conversation,
      { type: 'unmerge', text: 'The merge was undone: the contacts are separate again.', payload: { mergeId: merge.id }, authorId: input.actor.id },
      now,
    );
  }
  await repos.events.record(merge.workspaceId, 'contact.unmerged', { ...data, actorId: input.actor.id, conversationIds: conversations.map((c) => c.id) }, now);
  return { ...merge, undoneAt: now, undoneBy: input.actor.id };
}

export function alreadyUndone() {
  return conflict('merge_already_undone', 'This merge was already undone. Reload the contact’s history.');
}

/**
 * A conversation the merge put on the survivor's agent goes back to nobody, unless someone has
 * assigned it since (then that later choice stands).
 */
async function takeBackSharedAssignee(repos: Repositories, merge: Merge, identityIds: string[], actor: Actor, now: number): Promise<void> {
  const conversations = await repos.conversations.forIdentities(identityIds);
  const latest = await repos.audit.latestFor(conversations.map((c) => c.id), 'conversation.assigned');
  for (const conversation of conversations) {
    const last = latest.find((entry) => entry.subjectId === conversation.id);
    if (last?.data?.mergeId !== merge.id || conversation.assigneeId !== last.data.assigneeId) continue;
    await recordAssignment(repos, { conversation, assignee: null, actor, contactId: merge.mergedId, data: { reason: 'unmerge', mergeId: merge.id }, now });
  }
}
