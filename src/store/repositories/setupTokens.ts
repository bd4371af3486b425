import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../schema';
import type { RepositoryContext } from './context';

/**
 * One-time links that create a workspace's first admin, stored by the hash of their token. A link
 * works while it is unused, not revoked by a newer one, unexpired, and its workspace has no user.
 */
export class SetupTokensRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(tokenHash: string, workspaceId: string, now: number, expiresAt: number): Promise<void> {
    await this.ctx.db
      .insertInto('setup_tokens')
      .values({ token_hash: tokenHash, workspace_id: workspaceId, created_at: now, expires_at: expiresAt })
      .execute();
  }

  /** Revokes the workspace's links that are still unused (a newer one is being issued). */
  async revokeUnused(workspaceId: string, now: number): Promise<void> {
    await this.ctx.db
      .updateTable('setup_tokens')
      .set({ revoked_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** The workspace a link was issued for, whatever its state. */
  async workspaceOf(tokenHash: string): Promise<string | undefined> {
    const row = await this.ctx.db.selectFrom('setup_tokens').select('workspace_id').where('token_hash', '=', tokenHash).executeTakeFirst();
    return row?.workspace_id;
  }

  /**
   * Marks the link used if it still works, in one statement; returns its workspace only then. Two
   * setups with different links are kept apart by the caller holding the workspace (see
   * WorkspacesRepository.lock): the second then finds the first one's admin and gets nothing.
   */
  async consume(tokenHash: string, now: number): Promise<string | undefined> {
    const row = await this.ctx.db
      .updateTable('setup_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where((eb) => stillWorks(eb, now))
      .returning('workspace_id')
      .executeTakeFirst();
    return row?.workspace_id;
  }

  async isValid(tokenHash: string, now: number): Promise<boolean> {
    const row = await this.ctx.db
      .selectFrom('setup_tokens')
      .select('token_hash')
      .where('token_hash', '=', tokenHash)
      .where((eb) => stillWorks(eb, now))
      .executeTakeFirst();
    return Boolean(row);
  }
}

function stillWorks(eb: ExpressionBuilder<DB, 'setup_tokens'>, now: number) {
  return eb.and([
    eb('setup_tokens.used_at', 'is', null),
    eb('setup_tokens.revoked_at', 'is', null),
    eb('setup_tokens.expires_at', '>', now),
    eb.not(eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.workspace_id', '=', 'setup_tokens.workspace_id'))),
  ]);
}
