import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta signs every webhook POST with HMAC-SHA256 of the exact body bytes, keyed with the app
 * secret, and sends it as `X-Hub-Signature-256: sha256=<64 lowercase hex>`.
 * Verification must run on the raw bytes as received: re-serialising parsed JSON never
 * reproduces Meta's bytes (see metaJsonStringify).
 */

const SIGNATURE_HEADER = /^sha256=([0-9a-fA-F]{64})$/;

export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** The legacy `X-Hub-Signature: sha1=<hex>` header Meta still sends beside the sha256 one. */
export function signBodySha1(rawBody: Buffer | string, appSecret: string): string {
  return `sha1=${createHmac('sha1', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * True only when `header` is a well-formed `sha256=<hex>` signature of `rawBody` under
 * `appSecret`. Missing, malformed or wrong signatures are all false; the comparison is
 * constant time so the check leaks nothing about the expected value. An empty secret
 * never verifies, so a misconfigured install cannot accept unsigned traffic.
 */
export function verifySignature(
  rawBody: Buffer,
  header: string | undefined,
  appSecret: string,
): boolean {
  if (typeof header !== 'string' || !appSecret) return false;
  const match = SIGNATURE_HEADER.exec(header.trim());
  if (!match) return false;
  const received = Buffer.from(match[1].toLowerCase(), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/**
 * Serialises like Meta's webhook sender: compact JSON in which every non-ASCII UTF-16 code
 * unit is a lowercase `\uXXXX` escape (an emoji becomes a surrogate pair) and every `/` is
 * written `\/`. Both only ever occur inside JSON strings, so rewriting the output of
 * JSON.stringify is safe.
 */
export function metaJsonStringify(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.replace(/[\u0080-\uffff/]/g, (ch) =>
    ch === '/' ? '\\/' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
