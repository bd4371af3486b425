import { createHmac } from 'node:crypto';

/**
 * Meta's side of webhook signing, as the simulated platform plays it: bodies serialised the way
 * Meta's sender does, signed with HMAC of the exact bytes. Braid's check (channels/meta/signature.ts)
 * is written separately on purpose, so the sandbox tests it instead of agreeing with itself.
 */

export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** The legacy `X-Hub-Signature: sha1=<hex>` header Meta still sends beside the sha256 one. */
export function signBodySha1(rawBody: Buffer | string, appSecret: string): string {
  return `sha1=${createHmac('sha1', appSecret).update(rawBody).digest('hex')}`;
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
