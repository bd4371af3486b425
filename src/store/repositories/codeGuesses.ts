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

  /**
   * Reads the sender's window and holds it until the transaction ends. Without the lock, parallel
   * jobs on PostgreSQL each read the count before any of them adds a strike, and a burst of codes
   * is checked in full however far it goes past the limit. The row is made first (no strike yet)
   * so that a sender's first burst has something to lock.
   */
  async lockWindow(senderKey: string, now: number): Promise<GuessWindow> {
    await this.ctx.db
      .insertInto('code_guesses')
      .values({ sender_key: senderKey, window_started_at: now, failures: 0 })
      .onConflict((oc) => oc.column('sender_key').doNothing())
      .execute();
    const row = await this.ctx.db
      .selectFrom('code_guesses')
      .selectAll()
      .where('sender_key', '=', senderKey)
      .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirstOrThrow();
    return { windowStartedAt: Number(row.window_started_at), failures: row.failures };
  }

  /**
   * Counts one bad code in one statement (an upsert), so parallel jobs for one sender cannot lose
   * a strike; a window older than `windowMs` starts over. Returns the count in the window.
   */
  async recordFailure(senderKey: string, now: number, windowMs: number): Promise<number> {
    const row = await this.ctx.db
      .insertInto('code_guesses')
      .values({ sender_key: senderKey, window_started_at: now, failures: 1 })
      .onConflict((oc) =>
        oc.column('sender_key').doUpdateSet((eb) => {
          const expired = eb('code_guesses.window_started_at', '<=', now - windowMs);
          return {
            failures: eb.case().when(expired).then(1).else(eb('code_guesses.failures', '+', 1)).end(),
            window_started_at: eb.case().when(expired).then(now).else(eb.ref('code_guesses.window_started_at')).end(),
          };
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    return Number(row.failures);
  }
}
