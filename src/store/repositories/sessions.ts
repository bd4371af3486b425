import type { RepositoryContext } from './context';

export interface Session {
  id: string;
  userId: string;
  workspaceId: string;
  expiresAt: number;
  lastSeenAt: number;
}

/** Server-side sessions, keyed by the hash of the cookie token. */
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
}
