import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import type { Merge } from '../../store/repositories/merges';
import type { Actor } from '../messages/steps/systemItems';
import { revertMerge } from './steps/revertMerge';

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
    return { merge: await revertMerge(repos, { merge, actor: input.actor, reason: input.reason, now }) };
  });
}
