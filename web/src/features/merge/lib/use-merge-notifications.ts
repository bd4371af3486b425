import { z } from 'zod';
import { useNotify } from '../../../components/ui/notifications';
import { useLiveEvent } from '../../../lib/live-events';

const contactMergedSchema = z.object({
  conversationIds: z.array(z.string()).default([]),
  /** "Contacts merged: Ana Souza was merged into …" */
  message: z.string().optional(),
});

/**
 * The success message after any merge (automatic or an agent's click), for agents who
 * have either contact's conversation open, or the list itself, where the two rows just
 * became one customer. It comes from the `contact.merged` event, so the agent who
 * clicked Merge and a colleague watching the other thread see the same message.
 */
export function useMergeNotifications(openConversationId: string | undefined) {
  const notify = useNotify();
  useLiveEvent('contact.merged', (data) => {
    const event = contactMergedSchema.safeParse(data);
    if (!event.success) return;
    if (openConversationId && !event.data.conversationIds.includes(openConversationId)) return;
    notify({ tone: 'success', message: event.data.message ?? 'Contacts merged: both channels now belong to one contact.' });
  });
}
