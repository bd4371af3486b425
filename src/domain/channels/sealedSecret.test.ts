import { describe, expect, it } from 'vitest';
import { SecretBox, SecretKeyError, secretHint } from './sealedSecret';

describe('SecretBox', () => {
  const box = SecretBox.fromBase64(SecretBox.newKey());

  it('seals a secret so that the sealed text does not contain it, and opens it again', () => {
    const sealed = box.seal('IGQVJ-token-1234', 'channel-1');
    expect(sealed).not.toContain('IGQVJ');
    expect(box.open(sealed, 'channel-1')).toBe('IGQVJ-token-1234');
    expect(box.seal('IGQVJ-token-1234', 'channel-1')).not.toBe(sealed);
  });

  it('refuses a value sealed for another channel, with another key, or tampered with', () => {
    const sealed = box.seal('secret', 'channel-1');
    expect(() => box.open(sealed, 'channel-2')).toThrow(SecretKeyError);
    expect(() => SecretBox.fromBase64(SecretBox.newKey()).open(sealed, 'channel-1')).toThrow(SecretKeyError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'), 'channel-1')).toThrow(SecretKeyError);
  });

  it('wants a key of exactly 32 bytes', () => {
    expect(() => SecretBox.fromBase64(Buffer.alloc(16).toString('base64'))).toThrow(/32 random bytes/);
  });

  it('shows only the last 4 characters', () => {
    expect(secretHint('abcdef123456')).toBe('3456');
  });
});
