import type { AppContext } from '../../context';
import { badRequest } from '../../domain/shared/errors';
import type { OutboundContent } from '../../domain/messaging/outbound';
import { agentReplyWindow, replyWindowError } from '../../domain/messaging/replyWindow';
import type { Conversation } from '../../store/repositories/conversations';
import type { Message } from '../../store/repositories/messages';
import type { ChannelKind } from '../../domain/shared/channelKind';
import { queueOutboundMessage } from '../messages/steps/queueOutboundMessage';
import { requireConversation } from './steps/loadConversationView';
import { siblingOn } from './steps/siblingOn';
import { whatsappButtonTextProblem } from '../../domain/messaging/outbound';

export interface ReplyInput {
  workspaceId: string;
  agentId: string;
  conversationId: string;
  content: OutboundContent;
  /** Reply on another channel of the same contact (after a merge): its own conversation is used. */
  channel?: ChannelKind;
}

const INSTAGRAM_TEXT_BYTES = 1000;
const WHATSAPP_TEXT_CHARS = 4096;

/**
 * An agent's reply: checked against the channel's rules and its 24-hour window before anything
 * is written, then stored as a pending message with its send job in one transaction. The send
 * itself happens after commit; its outcome arrives as `message.updated`.
 */
export async function replyToConversation(ctx: AppContext, input: ReplyInput): Promise<{ message: Message; conversation: Conversation }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const asked = await requireConversation(repos, input.workspaceId, input.conversationId);
    const conversation = input.channel && input.channel !== asked.kind ? await siblingOn(repos, asked, input.channel) : asked;
    checkContentFits(conversation.kind, input.content);
    const closed = replyWindowError(conversation.kind, conversation.lastInboundAt, now, 'agent');
    if (closed) throw closed;
    // Past the 24 hours, Instagram takes a person's reply only tagged as one (up to 7 days).
    const humanAgent = agentReplyWindow(conversation.kind, conversation.lastInboundAt, now).humanAgentUntil !== undefined;
    const message = await queueOutboundMessage(repos, {
      conversation,
      content: input.content,
      sentBy: 'agent',
      authorId: input.agentId,
      now,
      ...(humanAgent && { meta: { messagingTag: 'HUMAN_AGENT' } }),
    });
    await repos.events.record(conversation.workspaceId, 'conversation.updated', { conversationId: conversation.id }, now);
    return { message, conversation };
  });
}

/** What Meta would refuse anyway, refused here with a sentence the agent can act on. */
function checkContentFits(channel: ChannelKind, content: OutboundContent): void {
  if (content.kind === 'template') {
    // A template send needs its approved copy and its variables checked: that is replyWithTemplate's.
    throw badRequest('unsupported_content', 'Send a WhatsApp template with POST /api/conversations/:id/template.');
  }
  if (content.kind === 'file') {
    // The file must be stored with this message first: that is attachFile's.
    throw badRequest('unsupported_content', 'Send a file with POST /api/conversations/:id/attachments.');
  }
  if (channel === 'instagram' && content.kind === 'contact_request') {
    throw badRequest('unsupported_content', 'Asking for a phone number only works on WhatsApp.');
  }
  if (channel === 'whatsapp' && content.kind === 'quick_replies' && content.replies.length > 3) {
    throw badRequest('unsupported_content', 'WhatsApp shows at most 3 reply buttons; remove some quick replies.');
  }
  const tooLong = channel === 'whatsapp' ? whatsappButtonTextProblem(content) : null;
  if (tooLong) throw badRequest('message_too_long', tooLong);
  const text = 'text' in content ? content.text : undefined;
  if (text === undefined) return;
  if (channel === 'instagram' && Buffer.byteLength(text, 'utf8') > INSTAGRAM_TEXT_BYTES) {
    throw badRequest('message_too_long', `Instagram messages are limited to ${INSTAGRAM_TEXT_BYTES} bytes; shorten the text.`);
  }
  if (channel === 'whatsapp' && text.length > WHATSAPP_TEXT_CHARS) {
    throw badRequest('message_too_long', `WhatsApp messages are limited to ${WHATSAPP_TEXT_CHARS} characters; shorten the text.`);
  }
}
