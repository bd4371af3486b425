import { phoneDigitsOf } from '../../domain/shared/searchQuery';
import type { ChannelKind, ConversationStatus } from '../schema';
import type { RepositoryContext } from './context';
import { containsText } from './textSearch';

export interface Conversation {
  id: string;
  workspaceId: string;
  identityId: string;
  channelId: string;
  kind: ChannelKind;
  status: ConversationStatus;
  assigneeId: string | null;
  unreadCount: number;
  lastMessageAt: number | null;
  lastMessagePreview: string | null;
  lastInboundAt: number | null;
  createdAt: number;
}

/** A conversation as the inbox lists it: with its customer and assignee names. */
export interface ConversationListItem extends Conversation {
  contactId: string;
  contactName: string | null;
  username: string | null;
  phone: string | null;
  externalId: string | null;
  displayName: string | null;
  assigneeName: string | null;
}

export interface ConversationFilter {
  assignee?: { kind: 'user'; id: string } | { kind: 'unassigned' };
  kind?: ChannelKind;
  /** One account (channel) of the workspace. */
  channelId?: string;
  status?: ConversationStatus;
  query?: string;
  contactId?: string;
  /** Cursor: the last item of the previous page. */
  before?: { lastMessageAt: number; id: string };
  limit: number;
}

export class ConversationsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(input: { id: string; workspaceId: string; identityId: string; channelId: string; kind: ChannelKind }, now: number): Promise<Conversation> {
    await this.ctx.db
      .insertInto('conversations')
      .values({
        id: input.id,
        workspace_id: input.workspaceId,
        identity_id: input.identityId,
        channel_id: input.channelId,
        kind: input.kind,
        status: 'open',
        unread_count: 0,
        created_at: now,
      })
      .execute();
    return { ...input, status: 'open', assigneeId: null, unreadCount: 0, lastMessageAt: null, lastMessagePreview: null, lastInboundAt: null, createdAt: now };
  }

  async get(workspaceId: string, id: string): Promise<Conversation | undefined> {
    const row = await this.ctx.db.selectFrom('conversations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row && toConversation(row);
  }

  async findByIdentity(identityId: string): Promise<Conversation | undefined> {
    const row = await this.ctx.db.selectFrom('conversations').selectAll().where('identity_id', '=', identityId).executeTakeFirst();
    return row && toConversation(row);
  }

  async forIdentities(identityIds: string[]): Promise<Conversation[]> {
    if (identityIds.length === 0) return [];
    const rows = await this.ctx.db.selectFrom('conversations').selectAll().where('identity_id', 'in', identityIds).execute();
    return rows.map(toConversation);
  }

  /**
   * Keeps the list's summary columns current; the time only moves forward (webhooks arrive out of order).
   * Values are bound parameters (eb.val), so the statement's text is the same on every call and stays prepared.
   */
  async recordMessage(
    id: string,
    message: { at: number; preview: string | null; inbound: boolean; countsAsUnread: boolean },
  ): Promise<void> {
    const { db } = this.ctx;
    await db
      .updateTable('conversations')
      .set((eb) => ({
        last_message_at: eb.fn.coalesce(
          eb.case().when('last_message_at', '>', message.at).then(eb.ref('last_message_at')).else(eb.val(message.at)).end(),
          eb.val(message.at),
        ),
        last_message_preview: eb
          .case()
          .when('last_message_at', '>', message.at)
          .then(eb.ref('last_message_preview'))
          .else(eb.val(message.preview))
          .end(),
        ...(message.inbound && {
          last_inbound_at: eb.fn.coalesce(
            eb.case().when('last_inbound_at', '>', message.at).then(eb.ref('last_inbound_at')).else(eb.val(message.at)).end(),
            eb.val(message.at),
          ),
          status: 'open' as const,
        }),
        ...(message.countsAsUnread && { unread_count: eb('unread_count', '+', 1) }),
      }))
      .where('id', '=', id)
      .execute();
  }

  async assign(id: string, assigneeId: string | null): Promise<void> {
    await this.ctx.db.updateTable('conversations').set({ assignee_id: assigneeId }).where('id', '=', id).execute();
  }

  async markRead(id: string): Promise<void> {
    await this.ctx.db.updateTable('conversations').set({ unread_count: 0 }).where('id', '=', id).execute();
  }

  async setStatus(id: string, status: ConversationStatus): Promise<void> {
    await this.ctx.db.updateTable('conversations').set({ status }).where('id', '=', id).execute();
  }

  async list(workspaceId: string, filter: ConversationFilter): Promise<ConversationListItem[]> {
    const q = filter.query?.trim().toLowerCase();
    const digits = phoneDigitsOf(q);
    const rows = await this.ctx.db
      .selectFrom('conversations as c')
      .innerJoin('identities as i', 'i.id', 'c.identity_id')
      .innerJoin('contacts as ct', 'ct.id', 'i.contact_id')
      .leftJoin('users as u', 'u.id', 'c.assignee_id')
      .selectAll('c')
      .select([
        'i.contact_id as contact_id',
        'ct.name as contact_name',
        'i.username as username',
        'i.phone as phone',
        'i.external_id as external_id',
        'i.display_name as display_name',
        'u.name as assignee_name',
      ])
      .where('c.workspace_id', '=', workspaceId)
      .where('c.last_message_at', 'is not', null)
      .$if(filter.assignee?.kind === 'user', (qb) => qb.where('c.assignee_id', '=', (filter.assignee as { id: string }).id))
      .$if(filter.assignee?.kind === 'unassigned', (qb) => qb.where('c.assignee_id', 'is', null))
      .$if(filter.kind !== undefined, (qb) => qb.where('c.kind', '=', filter.kind!))
      .$if(filter.channelId !== undefined, (qb) => qb.where('c.channel_id', '=', filter.channelId!))
      .$if(filter.status !== undefined, (qb) => qb.where('c.status', '=', filter.status!))
      .$if(filter.contactId !== undefined, (qb) => qb.where('i.contact_id', '=', filter.contactId!))
      .$if(Boolean(q), (qb) =>
        qb.where((eb) =>
          eb.or([
            containsText(eb.fn<string | null>('lower', ['ct.name']), q!),
            containsText(eb.fn<string | null>('lower', ['i.username']), q!),
            containsText(eb.fn<string | null>('lower', ['i.display_name']), q!),
            ...(digits ? [containsText(eb.ref('i.phone'), digits)] : []),
          ]),
        ),
      )
      .$if(filter.before !== undefined, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('c.last_message_at', '<', filter.before!.lastMessageAt),
            eb.and([eb('c.last_message_at', '=', filter.before!.lastMessageAt), eb('c.id', '<', filter.before!.id)]),
          ]),
        ),
      )
      .orderBy('c.last_message_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(filter.limit)
      .execute();
    return rows.map((r) => ({
      ...toConversation(r),
      contactId: r.contact_id,
      contactName: r.contact_name,
      username: r.username,
      phone: r.phone,
      externalId: r.external_id,
      displayName: r.display_name,
      assigneeName: r.assignee_name,
    }));
  }
}

function toConversation(r: {
  id: string; workspace_id: string; identity_id: string; channel_id: string; kind: ChannelKind; status: ConversationStatus;
  assignee_id: string | null; unread_count: number; last_message_at: number | null; last_message_preview: string | null;
  last_inbound_at: number | null; created_at: number;
}): Conversation {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    identityId: r.identity_id,
    channelId: r.channel_id,
    kind: r.kind,
    status: r.status,
    assigneeId: r.assignee_id,
    unreadCount: r.unread_count,
    lastMessageAt: r.last_message_at,
    lastMessagePreview: r.last_message_preview,
    lastInboundAt: r.last_inbound_at,
    createdAt: r.created_at,
  };
}
