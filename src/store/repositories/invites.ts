import type { InviteState } from '../schema';
import type { RepositoryContext } from './context';

/** A WhatsApp invite sent on an Instagram conversation. The code itself is never stored, only its hash. */
export interface Invite {
  id: string;
  workspaceId: string;
  contactId: string;
  conversationId: string;
  igIdentityId: string;
  codeHash: string;
  state: InviteState;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
  connectedAt: number | null;
  waIdentityId: string | null;
  waConversationId: string | null;
  messageId: string | null;
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

  /** Invites still waiting for the customer on one Instagram identity (at most one by rule). */
  async liveForIdentity(igIdentityId: string): Promise<Invite[]> {
    const rows = await this.ctx.db
      .selectFrom('invites')
      .selectAll()
      .where('ig_identity_id', '=', igIdentityId)
      .where('state', '=', 'sent')
      .execute();
    return rows.map(toInvite);
  }

  /** The invites sent to these Instagram identities, newest first: they follow their identity through merges and undos. */
  async forIdentities(workspaceId: string, igIdentityIds: string[], limit = 50): Promise<Invite[]> {
    if (igIdentityIds.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('invites')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('ig_identity_id', 'in', igIdentityIds)
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
   * workers seeing the same code cannot both connect it.
   */
  async transition(
    id: string,
    from: InviteState[],
    to: InviteState,
    patch: { connectedAt?: number; waIdentityId?: string; waConversationId?: string } = {},
  ): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('invites')
      .set({
        state: to,
        ...(patch.connectedAt !== undefined && { connected_at: patch.connectedAt }),
        ...(patch.waIdentityId !== undefined && { wa_identity_id: patch.waIdentityId }),
        ...(patch.waConversationId !== undefined && { wa_conversation_id: patch.waConversationId }),
      })
      .where('id', '=', id)
      .where('state', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toRow(i: Invite) {
  return {
    id: i.id,
    workspace_id: i.workspaceId,
    contact_id: i.contactId,
    conversation_id: i.conversationId,
    ig_identity_id: i.igIdentityId,
    code_hash: i.codeHash,
    state: i.state,
    created_by: i.createdBy,
    created_at: i.createdAt,
    expires_at: i.expiresAt,
    connected_at: i.connectedAt,
    wa_identity_id: i.waIdentityId,
    wa_conversation_id: i.waConversationId,
    message_id: i.messageId,
  };
}

function toInvite(r: ReturnType<typeof toRow>): Invite {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    contactId: r.contact_id,
    conversationId: r.conversation_id,
    igIdentityId: r.ig_identity_id,
    codeHash: r.code_hash,
    state: r.state as InviteState,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    connectedAt: r.connected_at === null ? null : Number(r.connected_at),
    waIdentityId: r.wa_identity_id,
    waConversationId: r.wa_conversation_id,
    messageId: r.message_id,
  };
}
