import { z } from 'zod';
import { conflict } from '../../../domain/shared/errors';
import { newId } from '../../../domain/shared/ids';
import { describeMergeConflict, mergeRefusal } from '../../../domain/contactMerge/mergePlan';
import type { Merge } from '../../../store/repositories/merges';
import type { MergeHow } from '../../../store/schema';
import type { Repositories } from '../../../store/store';
import { contactLabel, type MergeState } from './loadMergeState';
import type { Conversation } from '../../../store/repositories/conversations';
import type { Identity } from '../../../store/repositories/identities';
import { recordAssignment } from '../../conversations/steps/recordAssignment';
import { completeInvite } from './completeInvite';
import { type Actor, addSystemItem } from '../../messages/steps/systemItems';
import { CHANNEL_NAME } from '../../../domain/shared/channelKind';

/** What the customer reads on WhatsApp once their chats are linked. */

/**
 * What a merge keeps so it can be undone: the raw rows of both contacts before it, what it
 * moved, and the live merges it was built on (undo order). Raw rows, so undo writes back bytes.
 */
export const mergeSnapshotSchema = z.object({
  version: z.literal(1),
  before: z.object({
    contacts: z.array(z.record(z.string(), z.unknown())),
    identities: z.array(z.record(z.string(), z.unknown())),
    tags: z.array(z.object({ contact_id: z.string(), tag: z.string(), created_at: z.number() })),
    notes: z.array(z.object({ id: z.string(), contact_id: z.string() })),
  }),
  moved: z.object({ identityIds: z.array(z.string()), noteIds: z.array(z.string()), tagsAdded: z.array(z.string()) }),
  basedOn: z.array(z.string()),
});
export type MergeSnapshot = z.infer<typeof mergeSnapshotSchema>;

export interface ApplyMergeInput {
  state: MergeState;
  how: MergeHow;
  actor: Actor;
  reason: string | null;
  /** An agent confirmed: `ask` conflicts (two Instagram accounts, …) may be merged. Auto merges never. */
  confirmed: boolean;
  inviteId?: string | null;
  mergeRequestId?: string | null;
  now: number;
}

/**
 * Applies a planned merge inside the caller's transaction, whose contacts are already locked
 * (`loadMergeState` with lock). The cost is a handful of rows whatever the history size:
 * identities are re-pointed, messages and conversations stay where they are.
 */
export async function applyMerge(repos: Repositories, input: ApplyMergeInput): Promise<Merge> {
  const { state, now } = input;
  const { survivor, other, plan } = state;
  const refusal = mergeRefusal(plan);
  if (refusal) throw refusal;
  if (plan.needsAgent && !input.confirmed) {
    const ask = plan.conflicts.filter((c) => c.severity === 'ask').map(describeMergeConflict);
    throw conflict('merge_needs_confirmation', `${ask.join(' ')} Review the merge preview and confirm to merge anyway.`, {
      conflicts: plan.conflicts.filter((c) => c.severity === 'ask'),
    });
  }
  const workspaceId = survivor.workspaceId;
  const live = await repos.merges.forContacts(workspaceId, [survivor.id, other.id], { live: true });
  const before = await repos.merges.captureContacts([survivor.id, other.id]);

  await repos.identities.repoint(plan.identitiesToMove, survivor.id);
  await repos.contacts.moveNotes(plan.notesToMove, survivor.id);
  for (const tag of plan.tagsToAdd) await repos.contacts.addTag(survivor.id, tag, now);
  await repos.contacts.save({ ...plan.merged, createdAt: survivor.createdAt });
  await repos.contacts.save({ ...other, mergedIntoId: survivor.id, updatedAt: now });

  const snapshot: MergeSnapshot = {
    version: 1,
    before,
    moved: { identityIds: plan.identitiesToMove, noteIds: plan.notesToMove, tagsAdded: plan.tagsToAdd },
    basedOn: live.map((m) => m.id),
  };
  const merge: Merge = {
    id: newId(),
    workspaceId,
    survivorId: survivor.id,
    mergedId: other.id,
    how: input.how,
    actorId: input.actor.id,
    reason: input.reason,
    snapshot: JSON.stringify(snapshot),
    createdAt: now,
    undoneAt: null,
    undoneBy: null,
  };
  await repos.merges.create(merge, { inviteId: input.inviteId ?? null });

  const details = {
    mergeId: merge.id,
    survivorId: survivor.id,
    mergedId: other.id,
    how: input.how,
    reason: input.reason,
    inviteId: input.inviteId ?? null,
    mergeRequestId: input.mergeRequestId ?? null,
    identitiesMoved: plan.identitiesToMove.length,
    conflicts: plan.conflicts,
  };
  for (const contactId of [survivor.id, other.id]) {
    await repos.audit.append(
      { workspaceId, actorType: input.actor.type, actorId: input.actor.id, action: 'contact.merged', subjectType: 'merge', subjectId: merge.id, contactId, data: details },
      now,
    );
  }

  const identities = [...state.survivorIdentities, ...state.otherIdentities];
  const conversations = await repos.conversations.forIdentities(identities.map((i) => i.id));
  const text = mergeNotice(state, identities);
  for (const conversation of conversations) {
    await addSystemItem(repos, conversation, { type: 'merge', text, payload: { mergeId: merge.id, how: input.how }, authorId: input.actor.id }, now);
  }

  await shareAssignee(repos, state, conversations, merge.id, now);
  if (input.inviteId) await completeInvite(repos, { workspaceId, inviteId: input.inviteId, mergeId: merge.id, actor: input.actor, now });

  await repos.events.record(
    workspaceId,
    'contact.merged',
    {
      mergeId: merge.id,
      survivorId: survivor.id,
      mergedId: other.id,
      how: input.how,
      actorId: input.actor.id,
      inviteId: input.inviteId ?? null,
      mergeRequestId: input.mergeRequestId ?? null,
      conversationIds: conversations.map((c) => c.id),
      message: `Contacts merged: ${text}`,
    },
    now,
  );
  return merge;
}


/**
 * What the thread and the agents' notification say. Two contacts of one name would read "Ana
 * Souza was merged into Ana Souza", so then the channels are named instead.
 */
function mergeNotice(state: MergeState, identities: Identity[]): string {
  const merged = contactLabel(state.other, identities);
  const survivor = contactLabel(state.survivor, identities);
  if (merged !== survivor) return `${merged} was merged into ${survivor}: both channels now belong to one contact.`;
  const channels = (list: Identity[]) => [...new Set(list.map((i) => CHANNEL_NAME[i.kind]))].join(' and ') || 'other';
  return `${merged}'s ${channels(state.otherIdentities)} is now linked to their ${channels(state.survivorIdentities)} contact.`;
}

/**
 * The merged-away contact's conversations that nobody has take the agent of the survivor's
 * conversation, so the customer's WhatsApp does not sit unassigned (and unread in someone else's
 * queue) right after the agent took the customer. Recorded like any assignment.
 */
async function shareAssignee(repos: Repositories, state: MergeState, conversations: Conversation[], mergeId: string, now: number): Promise<void> {
  const survivorIds = new Set(state.survivorIdentities.map((i) => i.id));
  const assigned = conversations.filter((c) => survivorIds.has(c.identityId) && c.assigneeId).sort((a, b) => (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0))[0];
  const assignee = assigned?.assigneeId ? await repos.users.get(state.survivor.workspaceId, assigned.assigneeId) : undefined;
  if (!assignee || assignee.disabledAt !== null) return;
  for (const conversation of conversations) {
    if (survivorIds.has(conversation.identityId) || conversation.assigneeId) continue;
    await recordAssignment(repos, {
      conversation,
      assignee,
      actor: { type: 'system', id: null },
      contactId: state.survivor.id,
      data: { reason: 'merge', mergeId, from: assigned!.id },
      now,
    });
  }
}
