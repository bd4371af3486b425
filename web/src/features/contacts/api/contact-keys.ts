/** Every query about contacts starts with this, so a merge or an undo refreshes them all at once. */
export const contactsRootKey = ['contacts'] as const;
