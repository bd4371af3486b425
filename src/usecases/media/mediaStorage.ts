/**
 * Where media files are kept: customers' photos, voice notes and documents downloaded from Meta,
 * and files agents send. The database holds what a file is (type, size, name, state); this port
 * holds only the bytes, under keys Braid chooses.
 *
 * Guarantees every adapter keeps (media/mediaStorage.contract.ts checks them):
 * - `put` then `get` returns the same bytes and content type; a second `put` under a key replaces
 *   the first one entirely.
 * - `get` of a key never written, or deleted, answers `undefined` (not an error).
 * - `delete` of a missing key succeeds, so an interrupted erasure can simply run again.
 * - Keys are opaque to callers beyond the characters `[A-Za-z0-9/._-]`; an adapter refuses any
 *   other key, and `..` segments, rather than write outside its space.
 */
export interface MediaStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | undefined>;
  delete(key: string): Promise<void>;
  /** Releases connections; files stay. */
  close(): Promise<void>;
}

export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

const KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Throws for a key an adapter must not accept (see the port's guarantees). */
export function checkMediaKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new Error(`invalid media key: ${JSON.stringify(key)}`);
  }
}
