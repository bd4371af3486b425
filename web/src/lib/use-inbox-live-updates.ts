import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvent } from './live-events';
import { contactsRootKey, conversationsRootKey } from './query-keys';

/** Events that change what a conversation row or a thread shows. */
const CONVERSATION_EVENTS = [
  'message.created',
  'message.updated',
  'conversation.updated',
  'conversation.assigned',
  'invite.updated',
  'merge_request.created',
  'merge_request.updated',
  'automation_run.updated',
] as const;

/** Events that change who a contact is (identities, merges, tags). */
const CONTACT_EVENTS = ['contact.merged', 'contact.unmerged', 'contact.updated', 'conversation.assigned', 'invite.updated', 'merge_request.created', 'merge_request.updated', 'suggestion.dismissed', 'contact.erased'] as const;

/**
 * Keeps Chat and Contacts current without reloading. Events carry ids, not rows, so
 * the affected queries are refetched; only the ones on screen go to the network, the
 * rest are marked stale. A timeline spans all of a contact's channels, so any
 * message refreshes every open thread rather than only its own conversation's.
 */
export function useInboxLiveUpdates() {
  const queryClient = useQueryClient();
  const refreshConversations = () => void queryClient.invalidateQueries({ queryKey: conversationsRootKey });
  const refreshContacts = () => void queryClient.invalidateQueries({ queryKey: contactsRootKey });
  for (const type of CONVERSATION_EVENTS) {
    // The list of types is constant, so the hooks run in the same order on every render.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    useLiveEvent(type, refreshConversations);
  }
  for (const type of CONTACT_EVENTS) {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    useLiveEvent(type, type === 'contact.merged' || type === 'contact.unmerged' || type === 'contact.erased' ? () => (refreshContacts(), refreshConversations()) : refreshContacts);
  }
}
