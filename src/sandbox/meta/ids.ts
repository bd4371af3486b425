import { randomBytes, randomInt } from 'node:crypto';

/** Identifiers that look like Meta's, so code and eyes trained on the real ones are not surprised. */

export function digits(count: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < count) out += String(randomInt(0, 10));
  return out;
}

/** Instagram-scoped user id: 16 digits. */
export function newIgsid(): string {
  return digits(16);
}

/** WhatsApp business-scoped user id: ISO country code, a dot, then digits (`PT.8812736451209…`). */
export function newBsuid(countryCode = 'PT'): string {
  return `${countryCode}.${digits(19)}`;
}

/** Instagram message ids are base64 of `ig_item…`, so they all start with `aWdf`. */
export function newInstagramMid(accountId: string): string {
  const raw = `ig_item:1:IGMessageID:${accountId}:${randomBytes(12).toString('hex')}`;
  return Buffer.from(raw).toString('base64url');
}

/** WhatsApp ids: `wamid.` + base64 of a small binary record carrying the peer and a random tag. */
export function newWamid(peer: string): string {
  const tag = randomBytes(10).toString('hex').toUpperCase();
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, peer.length & 0xff]),
    Buffer.from(peer),
    Buffer.from([0x15, 0x02, 0x00, 0x12, 0x18, tag.length]),
    Buffer.from(tag),
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}

export function newFbtraceId(): string {
  return randomBytes(8).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 11);
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

const FIRST = ['Ana', 'Bruno', 'Carla', 'Diogo', 'Elena', 'Farah', 'Gonçalo', 'Hana', 'Inês', 'João', 'Kenji', 'Lucía', 'Mateus', 'Noor', 'Olga', 'Pedro'];
const LAST = ['Souza', 'Almeida', 'Costa', 'Ferreira', 'Nakamura', 'García', 'Haddad', 'Ivanova', 'Martins', 'Oliveira', 'Rocha', 'Silva'];

export function randomName(): string {
  return `${FIRST[randomInt(FIRST.length)]} ${LAST[randomInt(LAST.length)]}`;
}

/** `Inês Souza` → `ines.souza_42`: what people pick on Instagram. */
export function usernameFor(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${base || 'user'}_${randomInt(10, 100)}`;
}

/** A Portuguese mobile number in E.164, like the reference's examples. */
export function randomPhone(): string {
  return `+3519${digits(8)}`;
}
