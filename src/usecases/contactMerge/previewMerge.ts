import type { AppContext } from '../../context';
import { badRequest } from '../../domain/shared/errors';
import { describeMergeConflict, type MergeConflict } from '../../domain/contactMerge/mergePlan';
import type { Contact } from '../../store/repositories/contacts';
import { loadMergeState, type MergeState } from './steps/loadMergeState';
import { prefersOther } from './steps/chooseSurvivor';

export interface MergePreview {
  survivorId: string;
  mergedId: string;
  /** The survivor as the merge would save it. */
  result: Contact;
  moves: { identityIds: string[]; conversationIds: string[]; noteIds: string[]; tagsAdded: string[]; messages: number };
  conflicts: (MergeConflict & { message: string })[];
  /** A refusing conflict: POST …/merge would answer 409. */
  refused: boolean;
  /** Two accounts on one channel: POST …/merge needs `confirm: true`. */
  needsConfirmation: boolean;
}

/** The merge as a dry run: exactly the plan POST /merge would apply now, nothing written. */
export async function previewMerge(ctx: AppContext, input: { workspaceId: string; contactId: string; withContactId: string }): Promise<MergePreview> {
  if (input.contactId === input.withContactId) {
    throw badRequest('merge_same_contact', 'Choose another contact to merge with: a contact cannot be merged with itself.');
  }
  const { repos } = ctx.store;
  const now = ctx.clock.now();
  let state: MergeState = await loadMergeState(repos, { workspaceId: input.workspaceId, survivorId: input.contactId, otherId: input.withContactId, lock: false, now });
  if (prefersOther(state)) {
    state = await loadMergeState(repos, { workspaceId: input.workspaceId, survivorId: input.withContactId, otherId: input.contactId, lock: false, now });
  }
  const { plan } = state;
  const conversations = await repos.conversations.forIdentities(plan.identitiesToMove);
  return {
    survivorId: state.survivor.id,
    mergedId: state.other.id,
    result: { ...plan.merged, createdAt: state.survivor.createdAt },
    moves: {
      identityIds: plan.identitiesToMove,
      conversationIds: conversations.map((c) => c.id),
      noteIds: plan.notesToMove,
      tagsAdded: plan.tagsToAdd,
      // Shown so the agent sees nothing is lost; these rows stay as they are (their identity moves).
      messages: await repos.messages.countForConversations(conversations.map((c) => c.id)),
    },
    conflicts: plan.conflicts.map((c) => ({ ...c, message: describeMergeConflict(c) })),
    refused: plan.refused,
    needsConfirmation: !plan.refused && plan.needsAgent,
  };
}
