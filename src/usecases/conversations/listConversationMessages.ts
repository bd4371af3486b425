import type { AppContext } from '../../context';
import type { MediaFile } from '../../store/repositories/mediaFiles';
import type { Message } from '../../store/repositories/messages';
import { requireConversation } from './steps/loadConversationView';

export interface ListMessagesInput {
  workspaceId: string;
  conversationId: string;
  /** `conversation`: this thread only. `contact`: every channel of the customer, one timeline. */
  scope: 'conversation' | 'contact';
  /** The oldest message of the page already shown: the next page is older. */
  before?: { platformTs: number; id: string };
  limit: number;
}

export interface MessagePage {
  /** Oldest first, ordered by the platform's time (not by arrival). */
  messages: Message[];
  /** Where the next (older) page starts, or null when there is nothing older. */
  next: { platformTs: number; id: string } | null;
  /** The files of these messages (photos, voice notes, documents), whatever their state. */
  files: MediaFile[];
}

export async function listConversationMessages(ctx: AppContext, input: ListMessagesInput): Promise<MessagePage> {
  const { repos } = ctx.store;
  const conversation = await requireConversation(repos, input.workspaceId, input.conversationId);
  const options = { limit: input.limit + 1, before: input.before };
  let rows: Message[];
  if (input.scope === 'contact') {
    const identity = await repos.identities.get(input.workspaceId, conversation.identityId);
    rows = identity ? await repos.messages.timeline(identity.contactId, options) : [];
  } else {
    rows = await repos.messages.thread([conversation.id], options);
  }
  // Rows come oldest first; the extra one (if any) is the oldest and only says "there is more".
  const hasMore = rows.length > input.limit;
  const messages = hasMore ? rows.slice(1) : rows;
  const oldest = messages[0];
  const files = await repos.mediaFiles.forMessages(messages.map((m) => m.id));
  return { messages, next: hasMore && oldest ? { platformTs: oldest.platformTs, id: oldest.id } : null, files };
}
