import type { AppContext } from '../../context';
import { agentReplyWindow, type ReplyWindow } from '../../domain/messaging/replyWindow';
import type { ChannelKind } from '../../store/schema';
import { type ConversationView, loadConversationView, requireConversation } from './steps/loadConversationView';

export interface GetConversationInput {
  workspaceId: string;
  conversationId: string;
}

/** Another channel the agent can switch the composer to: the same contact's other identity. */
export interface ReplyChannelOption {
  channel: ChannelKind;
  conversationId: string;
  identityId: string;
  replyWindow: ReplyWindow;
}

export interface ConversationDetail {
  conversation: ConversationView;
  /** Every conversation of the contact (this one included), so the composer can pick a channel. */
  replyChannels: ReplyChannelOption[];
}

export async function getConversation(ctx: AppContext, input: GetConversationInput): Promise<ConversationDetail> {
  const { repos } = ctx.store;
  const now = ctx.clock.now();
  const conversation = await requireConversation(repos, input.workspaceId, input.conversationId);
  const { identity: _identity, contact: _contact, ...view } = await loadConversationView(repos, conversation, now);
  const identities = await repos.identities.forContacts([view.contactId]);
  const conversations = await repos.conversations.forIdentities(identities.map((i) => i.id));
  return {
    conversation: view,
    replyChannels: conversations.map((c) => ({
      channel: c.kind,
      conversationId: c.id,
      identityId: c.identityId,
      replyWindow: agentReplyWindow(c.kind, c.lastInboundAt, now),
    })),
  };
}
