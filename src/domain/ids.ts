import { randomUUID } from 'node:crypto';

/**
 * A new random id for any row. UUID v4 from the CSPRNG: URL-safe, unguessable (an id in a URL is
 * not a way to enumerate another workspace's rows), and generated without a round trip to the
 * database, so a use case can write related rows and jobs in one transaction.
 */
export function newId(): string {
  return randomUUID();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for ids shaped like those `newId` makes; routes use it to answer 404 early on junk. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
