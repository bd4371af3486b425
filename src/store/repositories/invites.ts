import type { InviteDirection, InviteState } from '../schema';
import type { RepositoryContext } from './context';

export type { InviteDirection };

/**
 * An invite to link a customer's other channel: a WhatsApp invite sent on an Instagram conversation
 * (`to_whatsapp`), or an Instagram link sent on a WhatsApp conversation (`to_instagram`). The code
 * itself is never stored, only its hash. `contactId`, `conversationId` and `originIdentityId` are
 * where the invite was sent; the identity and conversation that answered it fill in on connect.
 */
export interface Invite {
  id: string;
  workspaceId: string;
  direction: InviteDirection;
  contactId: string;
  conversationId: string;
  /** The identity the invite was sent to (Instagram for `to_whatsapp`, WhatsApp for `to_instagram`). */
  originIdentityId: string;
  /** The Instagram identity: the origin, or the one that answered an Instagram link (null until then). */
  igIdentityId: string | null;
  codeHash: string;
  state: InviteState;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  connectedAt: number | null;
  /** The WhatsApp identity: the one that answered a WhatsApp invite (null until then), or the origin. */
  waIdentityId: string | null;
  /** The WhatsApp conversation the code arrived on, or the one the Instagram link was sent on. */
  waConversationId: string | null;
  /** The Instagram conversation: where a WhatsApp invite was sent, or where an Instagram link was answered. */
  igConversationId: string | null;
  messageId: string | null;
}

/** Every conversation an invite shows in: where it was sent and where it was answered. */
export function inviteConversationIds(invite: Invite): string[] {
  return [...new Set([invite.conversationId, invite.waConversationId, invite.igConversationId].filter((id): id is string => Boolean(id)))];
}

export class InvitesRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(invite: Invite): Promise<void> {
    await this.ctx.db.insertInto('invites').values(toRow(invite)).execute();
  }

  async get(workspaceId: string, id: string): Promise<Invite | undefined> {
    const row = await this.ctx.db.selectFrom('invites').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row && toInvite(row);
  }

  /** Codes are unique across Braid; the caller checks the workspace (a code from elsewhere is unknown here). */
  async findByCodeHash(codeHashes: string[]): Promise<Invite[]> {
    if (codeHashes.length === 0) return [];
    const rows = await this.ctx.db.selectFrom('invites').selectAll().where('code_hash', 'in', codeHashes).execute();
    return rows.map(toInvite);
  }

  /** Invites still waiting for the customer, sent to one identity in one direction (at most one by rule). */
  async liveForIdentity(originIdentityId: string, direction: InviteDirection = 'to_whatsapp'): Promise<Invite[]> {
    const rows = await this.ctx.db
      .selectFrom('invites')
      .selectAll()
      .where('ig_identity_id', '=', originIdentityId)
      .where('direction', '=', direction)
      .where('state', '=', 'sent')
      .execute();
    return rows.map(toInvite);
  }

  /** The invites sent to these identities, newest first: they follow their identity through merges and undos. */
  async forIdentities(workspaceId: string, originIdentityIds: string[], limit = 50): Promise<Invite[]> {
    if (originIdentityIds.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('invites')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('ig_identity_id', 'in', originIdentityIds)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toInvite);
  }

  async forContacts(workspaceId: string, contactIds: string[], limit = 50): Promise<Invite[]> {
    if (contactIds.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('invites')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', 'in', contactIds)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toInvite);
  }

  async setMessage(id: string, messageId: string): Promise<void> {
    await this.ctx.db.updateTable('invites').set({ message_id: messageId }).where('id', '=', id).execute();
  }

  /**
   * Moves an invite from one of `from` to `to`; false when another writer moved it first, so two
   * workers seeing the same code cannot both connect it. `answer` is the identity and conversation
   * the customer answered from (WhatsApp or Instagram, by the invite's direction).
   */
  async transition(
    id: string,
    from: InviteState[],
    to: InviteState,
    patch: { connectedAt?: number; answer?: { identityId: string; conversationId: string } } = {},
  ): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('invites')
      .set({
        state: to,
        ...(patch.connectedAt !== undefined && { connected_at: patch.connectedAt }),
        ...(patch.answer && { wa_identity_id: patch.answer.identityId, wa_conversation_id: patch.answer.conversationId }),
      })
      .where('id', '=', id)
      .where('state', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

/** The columns hold the invite's origin and answer (migration 0013); the model names them by channel. */
function toRow(i: Invite) {
  const toInstagram = i.direction === 'to_instagram';
  return {
    id: i.id,
    workspace_id: i.workspaceId,
    direction: i.direction,
    contact_id: i.contactId,
    conversation_id: i.conversationId,
    ig_identity_id: i.originIdentityId,
    code_hash: i.codeHash,
    state: i.state,
    created_by: i.createdBy,
    created_at: i.createdAt,
    expires_at: i.expiresAt,
    connected_at: i.connectedAt,
    wa_identity_id: toInstagram ? i.igIdentityId : i.waIdentityId,
    wa_conversation_id: toInstagram ? i.igConversationId : i.waConversationId,
    message_id: i.messageId,
  };
}

function toInvite(r: Omit<ReturnType<typeof toRow>, 'direction'> & { direction: string }): Invite {
  const toInstagram = r.direction === 'to_instagram';
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    direction: toInstagram ? 'to_instagram' : 'to_whatsapp',
    contactId: r.contact_id,
    conversationId: r.conversation_id,
    originIdentityId: r.ig_identity_id,
    igIdentityId: toInstagram ? r.wa_identity_id : r.ig_identity_id,
    codeHash: r.code_hash,
    state: r.state as InviteState,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    connectedAt: r.connected_at === null ? null : Number(r.connected_at),
    waIdentityId: toInstagram ? r.ig_identity_id : r.wa_identity_id,
    waConversationId: toInstagram ? r.conversation_id : r.wa_conversation_id,
    igConversationId: toInstagram ? r.wa_conversation_id : r.conversation_id,
    messageId: r.message_id,
  };
}
