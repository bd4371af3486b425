import type { RepositoryContext } from './context';

export interface Session {
  id: string;
  userId: string;
  workspaceId: string;
  expiresAt: number;
  lastSeenAt: number;
}

/** Server-side sessions, keyed by the hash of the cookie token; plus one-time setup tokens. */
export class SessionsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(session: Session, now: number): Promise<void> {
    await this.ctx.db
      .insertInto('sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        workspace_id: session.workspaceId,
        created_at: now,
        expires_at: session.expiresAt,
        last_seen_at: session.lastSeenAt,
      })
      .execute();
  }

  async get(id: string): Promise<Session | undefined> {
    const row = await this.ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return (
      row && {
        id: row.id,
        userId: row.user_id,
        workspaceId: row.workspace_id,
        expiresAt: row.expires_at,
        lastSeenAt: row.last_seen_at,
      }
    );
  }

  async extend(id: string, now: number, expiresAt: number): Promise<void> {
    await this.ctx.db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async createSetupToken(tokenHash: string, workspaceId: string, now: number, expiresAt: number): Promise<void> {
    await this.ctx.db
      .insertInto('setup_tokens')
      .values({ token_hash: tokenHash, workspace_id: workspaceId, created_at: now, expires_at: expiresAt })
      .execute();
  }

  /** Marks the token used; returns its workspace only if it was unused and unexpired (so it works once). */
  async consumeSetupToken(tokenHash: string, now: number): Promise<string | undefined> {
    const row = await this.ctx.db
      .updateTable('setup_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('workspace_id')
      .executeTakeFirst();
    return row?.workspace_id;
  }

  async setupTokenIsValid(tokenHash: string, now: number): Promise<boolean> {
    const row = await this.ctx.db
      .selectFrom('setup_tokens')
      .select('token_hash')
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Boolean(row);
  }
}
