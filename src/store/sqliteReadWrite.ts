import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  RawNode,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/** Where statements are prepared: a connection, behind a statement cache. */
export interface StatementSource {
  prepare(sql: string): SQLite.Statement;
  close(): void;
}

/**
 * SQLite with one writer and one reader connection on the same WAL database.
 *
 * Kysely's own SQLite dialect has one connection behind a lock: while a transaction is open,
 * every other statement waits for it, reads included. That was harmless while transactions never
 * let go of the event loop; a long one that does (a webhook delivery of thousands of messages is
 * applied in slices, see ingestWebhookEvents) would still keep every request waiting for its commit.
 * Here a read outside a transaction runs on the reader instead, and sees the last committed state,
 * as WAL lets a reader do beside a writer. Everything else (transactions, writes, pragmas, DDL)
 * runs on the writer, one at a time, exactly as before.
 *
 * A read is a statement that returns rows and that SQLite says does not write
 * (`Statement#reader` and `#readonly`). With no reader (an in-memory database has nothing to
 * share) every statement takes the writer.
 */
export class ReadWriteSqliteDialect implements Dialect {
  constructor(
    private readonly writer: StatementSource,
    private readonly reader: StatementSource | null,
  ) {}

  createDriver(): Driver {
    return new ReadWriteSqliteDriver(this.writer, this.reader);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
  createIntrospector(db: Parameters<Dialect['createIntrospector']>[0]) {
    return new SqliteIntrospector(db);
  }
}

/**
 * SQLite runs schema changes inside transactions, though Kysely's adapter does not claim it. Saying
 * so lets the migrator apply all pending migrations in one transaction: a first start syncs the
 * disk once instead of once per statement (every commit is synced), and a failed migration leaves
 * nothing half-applied.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** One borrower of the driver: holds the writer from BEGIN until it is released. */
class Borrower implements DatabaseConnection {
  holdsWriter = false;

  constructor(private readonly driver: ReadWriteSqliteDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute<R>(this, query);
  }

  streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    return this.driver.stream<R>(this, query);
  }
}

class ReadWriteSqliteDriver implements Driver {
  readonly #writerLock = new Lock();

  constructor(
    private readonly writer: StatementSource,
    private readonly reader: StatementSource | null,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Borrower(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const borrower = connection as Borrower;
    await this.#writerLock.acquire();
    borrower.holdsWriter = true;
    // Immediate: the write lock is taken (or waited for, up to busy_timeout) at BEGIN. A deferred
    // transaction that read first cannot wait for another process's write to finish: SQLite
    // refuses its upgrade at once (SQLITE_BUSY), so two processes on one file answered 503.
    run(this.writer, CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(): Promise<void> {
    run(this.writer, CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(): Promise<void> {
    run(this.writer, CompiledQuery.raw('rollback'));
  }

  /** Kysely releases every connection it acquired, after a commit, a rollback or a failed BEGIN. */
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const borrower = connection as Borrower;
    if (!borrower.holdsWriter) return;
    borrower.holdsWriter = false;
    this.#writerLock.release();
  }

  async destroy(): Promise<void> {
    this.reader?.close();
    this.writer.close();
  }

  async execute<R>(borrower: Borrower, query: CompiledQuery): Promise<QueryResult<R>> {
    if (borrower.holdsWriter) return run<R>(this.writer, query);
    const read = this.readStatement(query);
    if (read) return { rows: read.all(query.parameters) as R[] };
    await this.#writerLock.acquire();
    try {
      return run<R>(this.writer, query);
    } finally {
      this.#writerLock.release();
    }
  }

  async *stream<R>(borrower: Borrower, query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams select queries only');
    // Streaming outside a transaction would hold the writer across awaits: it reads from the reader.
    const statement = borrower.holdsWriter ? this.writer.prepare(query.sql) : (this.readStatement(query) ?? this.writer.prepare(query.sql));
    for (const row of statement.iterate(query.parameters)) yield { rows: [row as R] };
  }

  /** The statement prepared on the reader when the query only reads, else null. */
  private readStatement(query: CompiledQuery): SQLite.Statement | null {
    if (!this.reader || !(SelectQueryNode.is(query.query) || RawNode.is(query.query))) return null;
    let statement: SQLite.Statement;
    try {
      statement = this.reader.prepare(query.sql);
    } catch {
      return null; // the writer prepares it again and reports the problem
    }
    return statement.reader && statement.readonly ? statement : null;
  }
}

function run<R>(source: StatementSource, query: CompiledQuery): QueryResult<R> {
  const statement = source.prepare(query.sql);
  if (statement.reader) return { rows: statement.all(query.parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(query.parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** A first-come, first-served lock over the writer. */
class Lock {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  async acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  /** Hands the lock straight to the next waiter, so nobody can overtake the queue. */
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}
