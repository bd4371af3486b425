import { sql } from 'kysely';
import type { RepositoryContext } from './context';

export interface SignInCheck {
  id: string;
  account: string;
  address: string;
  startedAt: number;
}

export interface RecentSignInChecks {
  /** Start times of the account's checks, from every address, oldest first. */
  account: number[];
  /** Start times of the account's checks from this address, oldest first. */
  accountAtAddress: number[];
  /** Start times of this address's checks, of every account, oldest first. */
  address: number[];
}

// Advisory lock namespaces (the first key of pg_advisory_xact_lock(int, int)), so an account and an
// address can never share a lock.
const ACCOUNT_LOCK = 1;
const ADDRESS_LOCK = 2;

/**
 * Password checks of sign-ins, one row each, written before the password is compared. Counting and
 * writing happen while the caller's transaction holds the account and the address (see `hold`),
 * so parallel sign-ins, on one process or many, are counted one after the other and none slips
 * past a limit.
 */
export class SignInChecksRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /**
   * Holds the account and the address until the caller's transaction ends, and drops checks that
   * started at or before `expiredBefore`. PostgreSQL: a transaction advisory lock on each, the account
   * first (always in that order, so two sign-ins cannot wait on each other). SQLite allows one
   * writer at a time: the delete here is the transaction's first write and takes the write lock.
   */
  async hold(account: string, address: string, expiredBefore: number): Promise<void> {
    const { db, dialect } = this.ctx;
    if (dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK}, hashtext(${account}))`.execute(db);
      await sql`select pg_advisory_xact_lock(${ADDRESS_LOCK}, hashtext(${address}))`.execute(db);
    }
    // A few at a time, and on PostgreSQL only rows no one else is deleting: sweeping never waits.
    await db
      .deleteFrom('sign_in_checks')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('sign_in_checks')
          .select('id')
          .where('started_at', '<=', expiredBefore)
          .orderBy('started_at')
          .limit(100)
          .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
      )
      .execute();
  }

  /** The checks that started after `since`, for the account and for the address. */
  async recent(account: string, address: string, since: number): Promise<RecentSignInChecks> {
    const [ofAccount, ofAddress] = await Promise.all([
      this.ctx.db
        .selectFrom('sign_in_checks')
        .select(['address', 'started_at'])
        .where('account', '=', account)
        .where('started_at', '>', since)
        .orderBy('started_at')
        .execute(),
      this.ctx.db
        .selectFrom('sign_in_checks')
        .select('started_at')
        .where('address', '=', address)
        .where('started_at', '>', since)
        .orderBy('started_at')
        .execute(),
    ]);
    return {
      account: ofAccount.map((row) => Number(row.started_at)),
      accountAtAddress: ofAccount.filter((row) => row.address === address).map((row) => Number(row.started_at)),
      address: ofAddress.map((row) => Number(row.started_at)),
    };
  }

  async record(check: SignInCheck): Promise<void> {
    await this.ctx.db
      .insertInto('sign_in_checks')
      .values({ id: check.id, account: check.account, address: check.address, started_at: check.startedAt })
      .execute();
  }

  /** Forgets every check of the account from the address (after a successful sign-in there). */
  async clear(account: string, address: string): Promise<void> {
    await this.ctx.db.deleteFrom('sign_in_checks').where('account', '=', account).where('address', '=', address).execute();
  }
}
