import { newId } from '../../../domain/shared/ids';
import type { Message } from '../../../store/repositories/messages';

/** Where a message is written: the conversation it belongs to, on that conversation's channel. */
export interface MessagePlace {
  id: string;
  workspaceId: string;
  channelId: string;
  kind: Message['kind'];
}

/** What differs between a customer's message, an agent's send and a system line. */
export type MessageFields = Pick<Message, 'direction' | 'type' | 'text' | 'payload' | 'status' | 'sentBy'> &
  Partial<Pick<Message, 'externalId' | 'authorId' | 'errorCode' | 'errorTitle' | 'platformTs'>>;

/**
 * A new message row in `conversation`, the one place every writer builds it: inbound messages,
 * echoes, outbound sends, system items and identity changes. It is ordered by the platform's time
 * when the platform gave one, else by the time Braid wrote it.
 */
export function newMessage(conversation: MessagePlace, fields: MessageFields, now: number): Message {
  return {
    id: newId(),
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    channelId: conversation.channelId,
    kind: conversation.kind,
    direction: fields.direction,
    externalId: fields.externalId ?? null,
    type: fields.type,
    text: fields.text,
    payload: fields.payload,
    status: fields.status,
    errorCode: fields.errorCode ?? null,
    errorTitle: fields.errorTitle ?? null,
    authorId: fields.authorId ?? null,
    sentBy: fields.sentBy,
    platformTs: fields.platformTs ?? now,
    createdAt: now,
  };
}
