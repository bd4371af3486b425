import type { AppContext } from '../../context';
import { attachmentProblem, sendableKind } from '../../domain/messaging/media';
import { agentReplyWindow, replyWindowError } from '../../domain/messaging/replyWindow';
import { badRequest } from '../../domain/shared/errors';
import { newId } from '../../domain/shared/ids';
import type { Conversation } from '../../store/repositories/conversations';
import type { Message } from '../../store/repositories/messages';
import type { Repositories } from '../../store/store';
import { queueOutboundMessage } from '../messages/steps/queueOutboundMessage';
import { requireConversation } from './steps/loadConversationView';
import { siblingOn } from './steps/siblingOn';
import type { ChannelKind } from '../../domain/shared/channelKind';

export interface AttachFileInput {
  workspaceId: string;
  agentId: string;
  conversationId: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
  /** Send on another channel of the same contact (after a merge): its own conversation is used. */
  channel?: ChannelKind;
}

/**
 * An agent sends a file: checked against the channel's types and sizes and the reply window,
 * kept in media storage, then written as the outbound message's file row and queued like any
 * reply. The send job hands it to Meta (uploaded to WhatsApp, a signed link for Instagram).
 */
export async function attachFile(ctx: AppContext, input: AttachFileInput): Promise<{ message: Message; conversation: Conversation }> {
  const contentType = input.contentType.split(';')[0].trim().toLowerCase();
  // Checked before any byte is kept: a refused file leaves nothing behind.
  await ctx.store.transaction((repos) => checkSendable(repos, input, contentType, ctx.clock.now()));
  const id = newId();
  const storageKey = `${input.workspaceId}/${id}`;
  await ctx.media.put(storageKey, input.bytes, contentType);
  try {
    const now = ctx.clock.now();
    return await ctx.store.transaction(async (repos) => {
      const { conversation, kind, humanAgent } = await checkSendable(repos, input, contentType, now);
      const message = await queueOutboundMessage(repos, {
        conversation,
        content: { kind: 'file', type: kind, mediaFileId: id, filename: input.filename, contentType },
        sentBy: 'agent',
        authorId: input.agentId,
        now,
        ...(humanAgent && { meta: { messagingTag: 'HUMAN_AGENT' } }),
      });
      await repos.mediaFiles.insertIfNew({
        id, workspaceId: conversation.workspaceId, messageId: message.id, position: 0, channelId: message.channelId,
        kind, source: null, state: 'stored', contentType, size: input.bytes.byteLength, filename: input.filename,
        storageKey, failure: null, createdAt: now, updatedAt: now,
      });
      await repos.events.record(conversation.workspaceId, 'conversation.updated', { conversationId: conversation.id }, now);
      return { message, conversation };
    });
  } catch (error) {
    await ctx.media.delete(storageKey);
    throw error;
  }
}

async function checkSendable(repos: Repositories, input: AttachFileInput, contentType: string, now: number) {
  const asked = await requireConversation(repos, input.workspaceId, input.conversationId);
  const conversation = input.channel && input.channel !== asked.kind ? await siblingOn(repos, asked, input.channel) : asked;
  const problem = attachmentProblem(conversation.kind, contentType, input.bytes.byteLength);
  const kind = sendableKind(conversation.kind, contentType);
  if (problem || !kind) throw badRequest('unsupported_attachment', problem ?? 'This file cannot be sent.');
  const closed = replyWindowError(conversation.kind, conversation.lastInboundAt, now, 'agent');
  if (closed) throw closed;
  const humanAgent = agentReplyWindow(conversation.kind, conversation.lastInboundAt, now).humanAgentUntil !== undefined;
  return { conversation, kind, humanAgent };
}
