import type { Repositories } from '../../../store/store';
import { loadMergeState, type MergeState } from './loadMergeState';

/** Locks both contacts, then plans with the Instagram contact as survivor (the one in view between equals). */
export async function lockedStateWithSurvivor(
  repos: Repositories,
  workspaceId: string,
  contactId: string,
  withContactId: string,
  now: number,
): Promise<MergeState> {
  const state = await loadMergeState(repos, { workspaceId, survivorId: contactId, otherId: withContactId, lock: true, now });
  if (!prefersOther(state)) return state;
  // Already locked: the second read only re-plans with the roles swapped.
  return loadMergeState(repos, { workspaceId, survivorId: withContactId, otherId: contactId, lock: true, now });
}

export function prefersOther(state: MergeState): boolean {
  const hasInstagram = (ids: { kind: string }[]) => ids.some((i) => i.kind === 'instagram');
  return !hasInstagram(state.survivorIdentities) && hasInstagram(state.otherIdentities);
}
