/**
 * The roots of the query keys that several features invalidate: a merge, an undo or a live
 * event refreshes conversations and contacts alike, whichever feature started it.
 */

/** Every query about conversations starts with this, so one invalidation refreshes them all. */
export const conversationsRootKey = ['conversations'] as const;

/** Every query about contacts starts with this, so a merge or an undo refreshes them all at once. */
export const contactsRootKey = ['contacts'] as const;
