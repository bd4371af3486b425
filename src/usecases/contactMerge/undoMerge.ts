import type { AppContext } from '../../context';
import { conflict, notFound } from '../../domain/shared/errors';
import type { Merge } from '../../store/repositories/merges';
import { mergeSnapshotSchema } from './steps/applyMerge';
import { addSystemItem, type Actor } from '../messages/steps/systemItems';

export interface UndoMergeInput {
  workspaceId: string;
  mergeId: string;
  actor: Actor;
  reason?: string | null;
}

/**
 * Unmerge: both contacts are written back from the merge's snapshot, byte for byte (attributes,
 * consent, tags, notes, which identities they hold). What arrived since stays with the identity it
 * arrived on: messages live in the identities' conversations, so they go where their identity goes;
 * notes and tags added to the survivor since stay on it. Undo runs in reverse order: a merge that
 * a later live merge was built on is refused until that one is undone.
 */
export async function undoMerge(ctx: AppContext, input: UndoMergeInput): Promise<{ merge: Merge }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const merge = await repos.merges.get(input.workspaceId, input.mergeId);
    if (!merge) throw notFound('merge_not_found', 'This merge does not exist in this workspace.');
    if (merge.undoneAt !== null) throw alreadyUndone();
    await repos.contacts.lock(input.workspaceId, [merge.survivorId, merge.mergedId]);

    const later = (await repos.merges.forContacts(input.workspaceId, [merge.survivorId, merge.mergedId], { live: true })).filter(
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

    const data = { mergeId: merge.id, survivorId: merge.survivorId, mergedId: merge.mergedId, how: merge.how, reason: input.reason ?? null };
    for (const contactId of [merge.survivorId, merge.mergedId]) {
      await repos.audit.append(
        { workspaceId: input.workspaceId, actorType: input.actor.type, actorId: input.actor.id, action: 'contact.unmerged', subjectType: 'merge', subjectId: merge.id, contactId, data },
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
    await repos.events.record(input.workspaceId, 'contact.unmerged', { ...data, actorId: input.actor.id, conversationIds: conversations.map((c) => c.id) }, now);
    return { merge: { ...merge, undoneAt: now, undoneBy: input.actor.id } };
  });
}

function alreadyUndone() {
  return conflict('merge_already_undone', 'This merge was already undone. Reload the contact’s history.');
}
