import fs from 'node:fs';
import type { Config } from './config';
import { SecretBox } from './domain/channels/sealedSecret';

/**
 * The key that seals channel secrets. BRAID_SECRET_KEY when set. On the embedded SQLite default a
 * key is generated at first start into a file beside the database (mode 0600), so a demo needs no
 * set-up and a copy of the database alone does not give the secrets away. PostgreSQL without
 * BRAID_SECRET_KEY has none: the database is usually on another machine, and a key file on one
 * web node would not reach the others, so connecting a channel in the UI is refused instead.
 */
export function loadSecretBox(config: Config): SecretBox | undefined {
  if (config.secretKey) return SecretBox.fromBase64(config.secretKey);
  if (config.storage.dialect !== 'sqlite') return undefined;
  if (config.storage.path === ':memory:') return SecretBox.fromBase64(SecretBox.newKey());
  const file = secretKeyFileOf(config.storage.path);
  try {
    fs.writeFileSync(file, `${SecretBox.newKey()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return SecretBox.fromBase64(fs.readFileSync(file, 'utf8'));
}

export function secretKeyFileOf(databasePath: string): string {
  return `${databasePath}.secret-key`;
}
