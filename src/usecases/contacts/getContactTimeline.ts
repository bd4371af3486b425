import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import type { Message } from '../../store/repositories/messages';

export interface TimelineInput {
  workspaceId: string;
  contactId: string;
  limit: number;
  before?: { platformTs: number; id: string };
}

/**
 * The contact's messages from every channel in time order, oldest first, one page at a time. Each
 * message carries its channel (`kind`); a tombstone's id shows the survivor's timeline.
 */
export async function getContactTimeline(ctx: AppContext, input: TimelineInput): Promise<{ contactId: string; messages: Message[]; nextBefore: { platformTs: number; id: string } | null }> {
  const { repos } = ctx.store;
  const contact = await repos.contacts.resolve(input.workspaceId, input.contactId);
  if (!contact) throw notFound('contact_not_found', 'This contact does not exist in this workspace.');
  const messages = await repos.messages.timeline(contact.id, { limit: input.limit, before: input.before });
  const first = messages[0];
  return {
    contactId: contact.id,
    messages,
    nextBefore: messages.length === input.limit && first ? { platformTs: first.platformTs, id: first.id } : null,
  };
}
