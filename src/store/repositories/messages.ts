import { z } from 'zod';
import { readJson } from '../json';
import type { ChannelKind, MessageDirection, MessageStatus } from '../schema';
import type { RepositoryContext } from './context';

export interface Message {
  id: string;
  workspaceId: string;
  conversationId: string;
  channelId: string;
  kind: ChannelKind;
  direction: MessageDirection;
  externalId: string | null;
  type: string;
  text: string | null;
  payload: Record<string, unknown>;
  status: MessageStatus;
  errorCode: string | null;
  errorTitle: string | null;
  authorId: string | null;
  sentBy: string;
  platformTs: number;
  createdAt: number;
}

const payloadSchema = z.record(z.string(), z.unknown());

/** Statuses only move forward; `failed` ends the line. */
const RANK: Record<MessageStatus, number> = { received: 0, pending: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

export class MessagesRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /** Inserts unless a message with the same platform id exists on the channel; says which happened. */
  async insertIfNew(message: Message): Promise<boolean> {
    const result = await this.ctx.db
      .insertInto('messages')
      .values(toRow(message))
      .onConflict((oc) => oc.columns(['channel_id', 'external_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async insert(message: Message): Promise<void> {
    await this.ctx.db.insertInto('messages').values(toRow(message)).execute();
  }

  async get(workspaceId: string, id: string): Promise<Message | undefined> {
    const row = await this.ctx.db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row && toMessage(row);
  }

  /** For jobs, whose payload names the row but not its workspace. */
  async findById(id: string): Promise<Message | undefined> {
    const row = await this.ctx.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toMessage(row);
  }

  /** Outbound rows of a channel still waiting to be sent, oldest first (a paused channel's queue). */
  async pendingOutboundIds(channelId: string): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('messages')
      .select('id')
      .where('channel_id', '=', channelId)
      .where('direction', '=', 'outbound')
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async findByExternalId(channelId: string, externalId: string): Promise<Message | undefined> {
    const row = await this.ctx.db.selectFrom('messages').selectAll().where('channel_id', '=', channelId).where('external_id', '=', externalId).executeTakeFirst();
    return row && toMessage(row);
  }

  /** The platform accepted our send: remember its id so status webhooks and echoes find the row. */
  async markSent(id: string, externalId: string): Promise<void> {
    await this.ctx.db
      .updateTable('messages')
      .set({ external_id: externalId, status: 'sent' })
      .where('id', '=', id)
      .where('status', 'in', ['pending'])
      .execute();
  }

  /** Moves the status forward only; returns whether it moved. */
  async advanceStatus(id: string, status: MessageStatus, error?: { code: string; title: string }): Promise<boolean> {
    const lower = (Object.keys(RANK) as MessageStatus[]).filter((s) => RANK[s] < RANK[status]);
    const result = await this.ctx.db
      .updateTable('messages')
      .set({ status, ...(error && { error_code: error.code, error_title: error.title }) })
      .where('id', '=', id)
      .where('status', 'in', lower)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async updatePayload(id: string, patch: { text?: string | null; type?: string; payload?: Record<string, unknown> }): Promise<void> {
    await this.ctx.db
      .updateTable('messages')
      .set({
        ...(patch.text !== undefined && { text: patch.text }),
        ...(patch.type !== undefined && { type: patch.type }),
        ...(patch.payload !== undefined && { payload: JSON.stringify(patch.payload) }),
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * The oldest outbound row of a conversation still waiting for its send to finish, matching the
   * text when one is given (or any non-text row when not). An Instagram echo can arrive before the
   * send job has stored the mid; this finds the row the echo belongs to.
   */
  async findPendingOutbound(conversationId: string, text: string | null): Promise<Message | undefined> {
    const row = await this.ctx.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'outbound')
      .where('status', '=', 'pending')
      .$if(text !== null, (qb) => qb.where('text', '=', text!))
      .$if(text === null, (qb) => qb.where('type', '!=', 'text'))
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    return row && toMessage(row);
  }

  /** Outbound messages of a conversation sent up to a time (an Instagram read covers all before it). */
  async outboundUpTo(conversationId: string, at: number): Promise<Message[]> {
    const rows = await this.ctx.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'outbound')
      .where('platform_ts', '<=', at)
      .where('status', 'in', ['sent', 'delivered'])
      .execute();
    return rows.map(toMessage);
  }

  /** One page of a conversation, oldest first, before an optional cursor. */
  async thread(conversationIds: string[], options: { limit: number; before?: { platformTs: number; id: string } }): Promise<Message[]> {
    if (conversationIds.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', 'in', conversationIds)
      .$if(options.before !== undefined, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('platform_ts', '<', options.before!.platformTs),
            eb.and([eb('platform_ts', '=', options.before!.platformTs), eb('id', '<', options.before!.id)]),
          ]),
        ),
      )
      .orderBy('platform_ts', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .execute();
    return rows.map(toMessage).reverse();
  }

  /** The contact's timeline: every message of every conversation of every identity it has now. */
  async timeline(contactId: string, options: { limit: number; before?: { platformTs: number; id: string } }): Promise<Message[]> {
    const conversationIds = await this.ctx.db
      .selectFrom('conversations as c')
      .innerJoin('identities as i', 'i.id', 'c.identity_id')
      .select('c.id')
      .where('i.contact_id', '=', contactId)
      .execute();
    return this.thread(conversationIds.map((c) => c.id), options);
  }

  async countForConversations(conversationIds: string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    const row = await this.ctx.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conversation_id', 'in', conversationIds)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toRow(m: Message) {
  return {
    id: m.id,
    workspace_id: m.workspaceId,
    conversation_id: m.conversationId,
    channel_id: m.channelId,
    kind: m.kind,
    direction: m.direction,
    external_id: m.externalId,
    type: m.type,
    text: m.text,
    payload: JSON.stringify(m.payload ?? {}),
    status: m.status,
    error_code: m.errorCode,
    error_title: m.errorTitle,
    author_id: m.authorId,
    sent_by: m.sentBy,
    platform_ts: m.platformTs,
    created_at: m.createdAt,
  };
}

function toMessage(r: ReturnType<typeof toRow>): Message {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    conversationId: r.conversation_id,
    channelId: r.channel_id,
    kind: r.kind as ChannelKind,
    direction: r.direction as MessageDirection,
    externalId: r.external_id,
    type: r.type,
    text: r.text,
    payload: readJson(payloadSchema, r.payload),
    status: r.status as MessageStatus,
    errorCode: r.error_code,
    errorTitle: r.error_title,
    authorId: r.author_id,
    sentBy: r.sent_by,
    platformTs: Number(r.platform_ts),
    createdAt: r.created_at,
  };
}
