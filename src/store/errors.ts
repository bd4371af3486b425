/**
 * Driver errors, named. SQLite (better-sqlite3) and PostgreSQL (pg) report the same situations
 * with different codes; callers ask for the situation instead of knowing both code lists.
 */
export type StorageFailure =
  /** A unique key is taken: usually a concurrent writer created the same row first. */
  | 'unique_violation'
  /** The database file cannot be written (permissions, a read-only mount). */
  | 'read_only'
  /** Another process holds the database locked. */
  | 'busy'
  /** The server is down, restarting, unreachable or out of connections, or the disk is failing. */
  | 'unavailable';

const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P03', '08006', '08001', '08003', '53300']);
const NETWORK_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']);

export function storageFailureOf(error: unknown): StorageFailure | null {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique_violation';
  if (code.startsWith('SQLITE_READONLY')) return 'read_only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_FULL')) return 'unavailable';
  if (POSTGRES_UNAVAILABLE.has(code) || NETWORK_UNAVAILABLE.has(code)) return 'unavailable';
  return null;
}
