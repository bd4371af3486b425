import type { RepositoryContext } from './context';

export interface Session {
  id: string;
  userId: string;
  workspaceId: string;
  expiresAt: number;
  lastSeenAt: number;
}

/** Server-side sessions, keyed by the hash of the cookie token; plus one-time setup tokens and sign-in throttling. */
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

  async failuresInWindow(key: string, windowStart: number): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('login_attempts')
      .select(['failures', 'window_started_at'])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row || row.window_started_at < windowStart) return 0;
    return row.failures;
  }

  async windowStartedAt(key: string): Promise<number | undefined> {
    const row = await this.ctx.db.selectFrom('login_attempts').select('window_started_at').where('key', '=', key).executeTakeFirst();
    return row?.window_started_at;
  }

  async recordFailure(key: string, now: number, windowStart: number): Promise<void> {
    await this.ctx.db
      .insertInto('login_attempts')
      .values({ key, window_started_at: now, failures: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          failures: eb
            .case()
            .when('login_attempts.window_started_at', '<', windowStart)
            .then(1)
            .else(eb('login_attempts.failures', '+', 1))
            .end(),
          window_started_at: eb
            .case()
            .when('login_attempts.window_started_at', '<', windowStart)
            .then(now)
            .else(eb.ref('login_attempts.window_started_at'))
            .end(),
        })),
      )
      .execute();
  }

  async clearFailures(key: string): Promise<void> {
    await this.ctx.db.deleteFrom('login_attempts').where('key', '=', key).execute();
  }
}
