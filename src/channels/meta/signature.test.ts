import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { metaJsonStringify, signBody, signBodySha1 } from '../../sandbox/meta/signing';
import { verifySignature } from './signature';

// Vectors computed independently with `openssl dgst -sha256 -hmac topsecret`.
const SECRET = 'topsecret';
const META_BYTES =
  '{"object":"instagram","entry":[{"id":"1","messaging":[{"message":{"text":"Ol\\u00e1 \\ud83d\\udc51 https:\\/\\/x.y\\/z"}}]}]}';
const META_SIG = 'sha256=8197c3871b139dd55aa200da1fe70aed28c952dc1e787894b0857b1b2e6c0fda';

describe('metaJsonStringify', () => {
  it('escapes accents, emoji (as surrogate pairs, lowercase) and slashes like Meta', () => {
    const value = {
      object: 'instagram',
      entry: [{ id: '1', messaging: [{ message: { text: 'Olá 👑 https://x.y/z' } }] }],
    };
    expect(metaJsonStringify(value)).toBe(META_BYTES);
  });

  it('produces pure ASCII that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        const out = metaJsonStringify(value);
        expect([...out].every((ch) => ch.charCodeAt(0) < 0x80)).toBe(true);
        // Every slash is escaped: none without a backslash right before it.
        expect(/(?<!\\)\//.test(out)).toBe(false);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('signBody / verifySignature', () => {
  it('matches the known HMAC-SHA256 vectors', () => {
    expect(signBody(META_BYTES, SECRET)).toBe(META_SIG);
    expect(signBody(Buffer.from(META_BYTES), SECRET)).toBe(META_SIG);
    expect(signBodySha1(META_BYTES, SECRET)).toBe('sha1=adadbaeba448c5e9a5d15e6168d7df6eb56a1ff6');
  });

  it('accepts the right signature on the raw bytes, in either hex case', () => {
    expect(verifySignature(Buffer.from(META_BYTES), META_SIG, SECRET)).toBe(true);
    expect(verifySignature(Buffer.from(META_BYTES), META_SIG.toUpperCase().replace('SHA256', 'sha256'), SECRET)).toBe(true);
  });

  it('rejects the same JSON re-serialised without Meta escapes', () => {
    const reserialised = JSON.stringify(JSON.parse(META_BYTES));
    expect(verifySignature(Buffer.from(reserialised), META_SIG, SECRET)).toBe(false);
  });

  it('rejects missing, malformed, truncated and wrongly keyed signatures', () => {
    const body = Buffer.from(META_BYTES);
    expect(verifySignature(body, undefined, SECRET)).toBe(false);
    expect(verifySignature(body, '', SECRET)).toBe(false);
    expect(verifySignature(body, META_SIG.slice('sha256='.length), SECRET)).toBe(false);
    expect(verifySignature(body, META_SIG.slice(0, -2), SECRET)).toBe(false);
    expect(verifySignature(body, `sha1=${META_SIG.slice(7)}`, SECRET)).toBe(false);
    expect(verifySignature(body, `sha256=${'z'.repeat(64)}`, SECRET)).toBe(false);
    expect(verifySignature(body, META_SIG, 'other-secret')).toBe(false);
    expect(verifySignature(body, META_SIG, '')).toBe(false);
  });

  it('verifies whatever it signs and nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.string({ minLength: 1 }), fc.nat(255), (bytes, secret, flip) => {
        const body = Buffer.from(bytes);
        expect(verifySignature(body, signBody(body, secret), secret)).toBe(true);
        if (body.length > 0) {
          const tampered = Buffer.from(body);
          tampered[flip % body.length] ^= 1;
          expect(verifySignature(tampered, signBody(body, secret), secret)).toBe(false);
        }
      }),
    );
  });
});
