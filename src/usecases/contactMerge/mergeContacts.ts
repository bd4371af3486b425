import type { AppContext } from '../../context';
import { badRequest } from '../../domain/shared/errors';
import type { Merge } from '../../store/repositories/merges';
import type { MergeHow } from '../../store/schema';
import { applyMerge } from './steps/applyMerge';
import { lockedStateWithSurvivor } from './steps/chooseSurvivor';
import type { Actor } from '../messages/steps/systemItems';

export interface MergeContactsInput {
  workspaceId: string;
  /** The contact whose view the agent is on. */
  contactId: string;
  withContactId: string;
  actor: Actor;
  /** The agent saw the preview's conflicts (two Instagram accounts, …) and merges anyway. */
  confirmed: boolean;
  reason?: string | null;
  how?: MergeHow;
}

export interface MergeContactsResult {
  merge: Merge;
  survivorId: string;
  mergedId: string;
}

/**
 * Merges any two contacts of the workspace in one transaction (the contact view's Merge). The
 * Instagram contact survives, as in the invite flow; between equals, the contact in view does.
 * A merge that lost a race to another answers 409 (the other contact is a tombstone by then).
 */
export async function mergeContacts(ctx: AppContext, input: MergeContactsInput): Promise<MergeContactsResult> {
  if (input.contactId === input.withContactId) {
    throw badRequest('merge_same_contact', 'Choose another contact to merge with: a contact cannot be merged with itself.');
  }
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const state = await lockedStateWithSurvivor(repos, input.workspaceId, input.contactId, input.withContactId, now);
    const merge = await applyMerge(repos, {
      state,
      how: input.how ?? 'contact_view',
      actor: input.actor,
      reason: input.reason ?? null,
      confirmed: input.confirmed,
      now,
    });
    return { merge, survivorId: state.survivor.id, mergedId: state.other.id };
  });
}
