import { z } from 'zod';

/** Shared pieces of the two webhook parsers. */

/** Meta ids are strings on the wire; a number is accepted and turned into its decimal string. */
export const metaId = z.union([
  z.string().min(1),
  z.number().int().nonnegative().transform((n) => String(n)),
]);

export const optionalText = z.string().optional().catch(undefined);

/** Turns a zod failure into one line an operator can read in a log: `where: path: problem`. */
export function describeFailure(where: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `${where}: invalid`;
  const path = issue.path.length ? issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : String(p))).join('.') : '(item)';
  return `${where}: ${path}: ${issue.message}`;
}

/** A string or number as text; anything else (objects with odd toString, symbols…) as undefined. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, stable fingerprint of a JSON value for synthetic keys (items that carry no id). */
export function fingerprint(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? '';
  } catch {
    text = typeof value;
  }
  // FNV-1a, 32-bit: cheap and deterministic; collisions only merge look-alike id-less items.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
