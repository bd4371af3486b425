import type { AppContext } from '../../context';
import type { ConversationFilter } from '../../store/repositories/conversations';
import type { ChannelKind, ConversationStatus } from '../../store/schema';
import { type ConversationView, withReplyWindow } from './steps/loadConversationView';

export interface ListConversationsInput {
  workspaceId: string;
  /** The signed-in user, for `assignee: 'me'`. */
  userId: string;
  assignee?: 'me' | 'unassigned' | string;
  channel?: ChannelKind;
  /** The id of one account (channel) when several of a kind are connected. */
  account?: string;
  status?: ConversationStatus;
  query?: string;
  /** The last item of the previous page (newest activity first). */
  after?: { lastMessageAt: number; id: string };
  limit: number;
}

export interface ConversationPage {
  conversations: ConversationView[];
  /** Where the next page starts, or null on the last page. */
  next: { lastMessageAt: number; id: string } | null;
}

/** The inbox: both channels together, most recent activity first, filtered as the agent asks. */
export async function listConversations(ctx: AppContext, input: ListConversationsInput): Promise<ConversationPage> {
  const assignee: ConversationFilter['assignee'] =
    input.assignee === undefined
      ? undefined
      : input.assignee === 'unassigned'
        ? { kind: 'unassigned' }
        : { kind: 'user', id: input.assignee === 'me' ? input.userId : input.assignee };
  // One extra row tells whether another page exists without a count query.
  const rows = await ctx.store.repos.conversations.list(input.workspaceId, {
    assignee,
    kind: input.channel,
    channelId: input.account,
    status: input.status,
    query: input.query,
    before: input.after,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const now = ctx.clock.now();
  return {
    conversations: page.map((item) => withReplyWindow(item, now)),
    next: rows.length > input.limit && last ? { lastMessageAt: last.lastMessageAt ?? 0, id: last.id } : null,
  };
}
