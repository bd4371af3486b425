import type { RepositoryContext } from './context';

export interface GuessWindow {
  windowStartedAt: number;
  failures: number;
}

/** Bad invite codes per WhatsApp sender, in a fixed window, so codes cannot be guessed by volume. */
export class CodeGuessesRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async get(senderKey: string): Promise<GuessWindow | undefined> {
    const row = await this.ctx.db.selectFrom('code_guesses').selectAll().where('sender_key', '=', senderKey).executeTakeFirst();
    return row && { windowStartedAt: Number(row.window_started_at), failures: row.failures };
  }

  /** Counts one bad code; a window older than `windowMs` starts over. Returns the count in the window. */
  async recordFailure(senderKey: string, now: number, windowMs: number): Promise<number> {
    const current = await this.get(senderKey);
    if (!current) {
      await this.ctx.db
        .insertInto('code_guesses')
        .values({ sender_key: senderKey, window_started_at: now, failures: 1 })
        .onConflict((oc) => oc.column('sender_key').doUpdateSet((eb) => ({ failures: eb('code_guesses.failures', '+', 1) })))
        .execute();
      return 1;
    }
    if (now - current.windowStartedAt >= windowMs) {
      await this.ctx.db.updateTable('code_guesses').set({ window_started_at: now, failures: 1 }).where('sender_key', '=', senderKey).execute();
      return 1;
    }
    await this.ctx.db
      .updateTable('code_guesses')
      .set((eb) => ({ failures: eb('failures', '+', 1) }))
      .where('sender_key', '=', senderKey)
      .execute();
    return current.failures + 1;
  }
}
