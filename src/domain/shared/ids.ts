import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * A new id for any row: a UUID version 7. Its first 48 bits are the creation time in ms and the
 * next 12 a counter within that millisecond, so ids made by one process sort in the order they
 * were made; that order breaks ties when a thread's items share a timestamp (an automation's
 * note and its message, an invite and its system item). The other 62 bits come from the CSPRNG,
 * so an id in a URL is still not a way to guess another row's id. Made without a database round
 * trip, so a use case can write related rows and jobs in one transaction.
 */
export function newId(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = 0;
  } else {
    // Same millisecond (or the wall clock stepped back): keep counting on the last time used.
    ms = lastMs;
    counter += 1;
    if (counter > 0xfff) {
      lastMs += 1;
      ms = lastMs;
      counter = 0;
    }
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for ids shaped like those `newId` makes; routes use it to answer 404 early on junk. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
