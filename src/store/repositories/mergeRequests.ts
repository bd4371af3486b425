import type { MergeRequestState } from '../schema';
import type { RepositoryContext } from './context';

/** The agent is asked before a merge: manual merge mode, or a conflict found after an invite. */
export interface MergeRequest {
  id: string;
  workspaceId: string;
  inviteId: string | null;
  survivorContactId: string;
  otherContactId: string;
  state: MergeRequestState;
  reason: string;
  createdAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
}

export class MergeRequestsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(request: Omit<MergeRequest, 'decidedBy' | 'decidedAt'>): Promise<void> {
    await this.ctx.db
      .insertInto('merge_requests')
      .values({
        id: request.id,
        workspace_id: request.workspaceId,
        invite_id: request.inviteId,
        survivor_contact_id: request.survivorContactId,
        other_contact_id: request.otherContactId,
        state: request.state,
        reason: request.reason,
        created_at: request.createdAt,
      })
      .execute();
  }

  async get(workspaceId: string, id: string): Promise<MergeRequest | undefined> {
    const row = await this.ctx.db.selectFrom('merge_requests').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row && toRequest(row);
  }

  async pendingForContacts(workspaceId: string, contactIds: string[]): Promise<MergeRequest[]> {
    if (contactIds.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('merge_requests')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('state', '=', 'pending')
      .where((eb) => eb.or([eb('survivor_contact_id', 'in', contactIds), eb('other_contact_id', 'in', contactIds)]))
      .orderBy('created_at')
      .execute();
    return rows.map(toRequest);
  }

  /**
   * The thread items that show a request (one per conversation it was posted in). They were
   * written with the request, at its creation time: the thread index narrows to that instant, so
   * the cost does not grow with the conversation's history.
   */
  async threadItemIds(conversationIds: string[], request: { id: string; createdAt: number }): Promise<string[]> {
    if (conversationIds.length === 0) return [];
    const requestId = request.id;
    const rows = await this.ctx.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', 'in', conversationIds)
      .where('platform_ts', '=', request.createdAt)
      .where('type', '=', 'merge_request')
      .where('payload', 'like', `%"mergeRequestId":"${requestId}"%`)
      .execute();
    return rows.map((r) => r.id);
  }

  /** pending → accepted | rejected, once: false when someone decided first. */
  async decide(id: string, state: 'accepted' | 'rejected', decidedBy: string | null, now: number): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('merge_requests')
      .set({ state, decided_by: decidedBy, decided_at: now })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toRequest(r: {
  id: string; workspace_id: string; invite_id: string | null; survivor_contact_id: string; other_contact_id: string;
  state: string; reason: string; created_at: number; decided_by: string | null; decided_at: number | null;
}): MergeRequest {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    inviteId: r.invite_id,
    survivorContactId: r.survivor_contact_id,
    otherContactId: r.other_contact_id,
    state: r.state as MergeRequestState,
    reason: r.reason,
    createdAt: Number(r.created_at),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : Number(r.decided_at),
  };
}
