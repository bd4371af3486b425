import type { AppContext } from '../../context';

const BATCH = 100;

/**
 * Removes the bytes of every queued storage key, then the key. Deleting a missing file succeeds
 * (the storage port's guarantee), so a run that was killed halfway simply runs again; concurrent
 * runs may delete the same key twice, which is harmless.
 */
export async function purgeMediaFiles(ctx: AppContext): Promise<{ deleted: number }> {
  let deleted = 0;
  for (;;) {
    const keys = await ctx.store.repos.mediaFiles.pendingDeletions(BATCH);
    if (keys.length === 0) return { deleted };
    for (const key of keys) await ctx.media.delete(key);
    await ctx.store.repos.mediaFiles.deletionsDone(keys);
    deleted += keys.length;
  }
}
