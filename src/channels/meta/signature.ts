import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta signs every webhook POST with HMAC-SHA256 of the exact body bytes, keyed with the app
 * secret, and sends it as `X-Hub-Signature-256: sha256=<64 lowercase hex>`.
 * Verification must run on the raw bytes as received: re-serialising parsed JSON never
 * reproduces Meta's bytes (the sandbox's Meta signs the way Meta does: src/sandbox/meta/signing.ts).
 */

const SIGNATURE_HEADER = /^sha256=([0-9a-fA-F]{64})$/;

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
