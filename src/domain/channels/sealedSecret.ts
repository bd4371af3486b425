import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Channel tokens and app secrets at rest: AES-256-GCM with the instance key (BRAID_SECRET_KEY, or
 * the key file beside an embedded SQLite database). A sealed value reads `v1.<iv>.<tag>.<data>` in
 * base64url, so a database dump shows no secret and a tampered value fails to open instead of
 * yielding a wrong token. The channel id is bound in as associated data: a sealed token copied to
 * another channel's row does not open there.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The key as BRAID_SECRET_KEY carries it: 32 random bytes in base64. */
  static fromBase64(encoded: string): SecretBox {
    const key = Buffer.from(encoded.trim(), 'base64');
    if (key.length !== 32) throw new SecretKeyError('BRAID_SECRET_KEY must be 32 random bytes in base64 (e.g. openssl rand -base64 32)');
    return new SecretBox(key);
  }

  static newKey(): string {
    return randomBytes(32).toString('base64');
  }

  /** A stable value of this instance for `label` (e.g. a workspace's webhook verify token): nothing to store. */
  derive(label: string): string {
    return createHmac('sha256', this.key).update(`braid:${label}`).digest('base64url').slice(0, 32);
  }

  seal(plain: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string, boundTo: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new SecretKeyError('the stored secret is not in a known format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError('the stored secret does not open with this key (was BRAID_SECRET_KEY changed?)');
    }
  }
}

export class SecretKeyError extends Error {}

/** What the API may show of a secret: its last 4 characters. */
export function secretHint(secret: string): string {
  return secret.slice(-4);
}
