import { createHash, createHmac, randomBytes } from 'node:crypto';
import { badRequest } from '../shared/errors';
import { normalizePhone } from '../shared/phone';

/**
 * One-time invite codes that carry an Instagram customer over to WhatsApp.
 *
 * Shape: 16 Crockford base32 characters shown in four groups, `7K3Q-9PXM-2D4R-8VNA`. The alphabet
 * has no I, L, O or U, so a code survives being read aloud or retyped; look-alikes typed by the
 * customer (O for 0, I or L for 1) are mapped back. Each of the four groups holds at least one
 * digit from 2–9 and the code holds at least two letters: that costs about 2.2 of the 80 random
 * bits (≈ 77.8 bits remain, above the 64 required) and lets `findInviteCodes` tell a code from the
 * words, phone numbers and order numbers around it.
 */

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITE_CODE_LENGTH = 16;
const GROUP = 4;
/** Default lifetime of an invite (PRODUCT.md: expire, default 24 hours). */
export const DEFAULT_INVITE_TTL_MS = 24 * 60 * 60 * 1000;

const LOOKALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** A new code from the CSPRNG, grouped for reading: "7K3Q-9PXM-2D4R-8VNA". */
export function generateInviteCode(): string {
  for (;;) {
    const bytes = randomBytes(10); // 80 bits = 16 × 5 bits
    let bits = 0n;
    for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
    let code = '';
    for (let i = INVITE_CODE_LENGTH - 1; i >= 0; i--) code += CROCKFORD_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
    // Rejection sampling keeps the accepted codes uniformly distributed.
    if (hasCodeShape(code)) return formatInviteCode(code);
  }
}

/** "7k3q9pxm2d4r8vna" → "7K3Q-9PXM-2D4R-8VNA" (from any form `normalizeCode` accepts). */
export function formatInviteCode(code: string): string {
  const normalized = normalizeCode(code);
  if (!normalized) throw badRequest('invalid_invite_code', 'This is not an invite code: it should have 16 letters and digits.');
  return normalized.match(/.{4}/g)!.join('-');
}

/**
 * The canonical form that is hashed and compared: upper case, no spaces or dashes, look-alikes
 * mapped (O→0, I/L→1). Returns null when the result is not 16 characters of the alphabet.
 */
export function normalizeCode(input: string): string | null {
  const mapped = input
    .replace(/[\s\-‐‑‒–—−_]/g, '')
    .toUpperCase()
    .replace(/[OIL]/g, (c) => LOOKALIKES[c]);
  return CANONICAL.test(mapped) ? mapped : null;
}

/**
 * What is stored instead of the code: sha256 hex of the canonical code, or HMAC-SHA256 keyed with
 * `pepper` when one is configured, so a copy of the database alone cannot be used to test guesses.
 * Accepts any form `normalizeCode` accepts, so "7k3q 9pxm…" and "7K3Q-9PXM-…" hash alike.
 */
export function hashInviteCode(code: string, pepper?: string): string {
  const normalized = normalizeCode(code);
  if (!normalized) throw badRequest('invalid_invite_code', 'This is not an invite code: it should have 16 letters and digits.');
  return pepper
    ? createHmac('sha256', pepper).update(normalized).digest('hex')
    : createHash('sha256').update(normalized).digest('hex');
}

/** Every group holds a digit 2–9 and there are two letters: true of every code we generate. */
function hasCodeShape(canonical: string): boolean {
  for (let g = 0; g < INVITE_CODE_LENGTH; g += GROUP) {
    if (!/[2-9]/.test(canonical.slice(g, g + GROUP))) return false;
  }
  return (canonical.match(/[A-Z]/g)?.length ?? 0) >= 2;
}

const JOINER = /^[\s\-‐‑‒–—−_.·]+$/; // what may sit between the parts of one code
const MAX_CANDIDATES = 16;

/**
 * A code found in a message. `exact` when it was written as one word or in groups of four (how
 * Braid shows it, with any separators); `loose` when the customer split it elsewhere or glued it to
 * a word. Loose matches can also come from ordinary text ("912 345 678 and 4532…"), so a loose
 * candidate that matches no invite should be ignored silently rather than reported as a bad code.
 */
export interface InviteCodeMatch {
  code: string;
  confidence: 'exact' | 'loose';
}

/**
 * Candidate codes (canonical) found anywhere in a customer's message, exact ones first. Tolerates
 * case, spaces or dashes anywhere inside the code, look-alikes, and words around it; punctuation
 * other than dashes and dots ends a code, so "code: 7K3Q…" works. A candidate must have the shape
 * every generated code has, which keeps words, phone and card numbers out. When no candidate
 * aligns with word boundaries, a code glued to a word on one side ("code7K3Q…") is looked for.
 *
 * The caller checks all candidates at once and counts the message as one guess for throttling.
 */
export function findInviteCodeMatches(text: string): InviteCodeMatch[] {
  const tokens = [...text.matchAll(/[A-Za-z0-9]+/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const joins = (j: number) => JOINER.test(text.slice(tokens[j - 1].end, tokens[j].start));
  const found = new Map<string, InviteCodeMatch['confidence']>();
  const add = (raw: string, confidence: InviteCodeMatch['confidence']) => {
    const code = normalizeCode(raw);
    if (code && hasCodeShape(code) && found.get(code) !== 'exact') found.set(code, confidence);
  };
  // Runs of joined tokens, with the offsets where each token starts and ends inside the run.
  const runs: Array<{ text: string; edges: number[] }> = [];
  for (let i = 0; i < tokens.length; i++) {
    if (i === 0 || !joins(i)) runs.push({ text: '', edges: [] });
    const run = runs[runs.length - 1];
    run.edges.push(run.text.length);
    run.text += tokens[i].text;
    run.edges.push(run.text.length);
    let candidate = '';
    let grouped = true;
    for (let j = i; j < tokens.length && candidate.length < INVITE_CODE_LENGTH; j++) {
      if (j > i && !joins(j)) break;
      candidate += tokens[j].text;
      grouped &&= tokens[j].text.length % GROUP === 0;
      if (candidate.length === INVITE_CODE_LENGTH) add(candidate, grouped ? 'exact' : 'loose');
    }
  }
  if (found.size === 0) {
    // A code glued to a word still starts or ends where some word does: "code7K3Q…", "…8VNAthanks".
    for (const run of runs) {
      // One end on a word edge, the other inside a word longer than a group (the glued one).
      const insideLongWord = new Array<boolean>(run.text.length + 1).fill(false);
      for (let k = 0; k < run.edges.length; k += 2) {
        const [from, to] = [run.edges[k], run.edges[k + 1]];
        if (to - from > GROUP) for (let at = from + 1; at < to; at++) insideLongWord[at] = true;
      }
      for (const edge of new Set(run.edges)) {
        if (edge + INVITE_CODE_LENGTH <= run.text.length && insideLongWord[edge + INVITE_CODE_LENGTH]) {
          add(run.text.slice(edge, edge + INVITE_CODE_LENGTH), 'loose');
        }
        if (edge - INVITE_CODE_LENGTH >= 0 && insideLongWord[edge - INVITE_CODE_LENGTH]) {
          add(run.text.slice(edge - INVITE_CODE_LENGTH, edge), 'loose');
        }
      }
    }
  }
  const matches = [...found].map(([code, confidence]) => ({ code, confidence }));
  const exactFirst = [...matches.filter((m) => m.confidence === 'exact'), ...matches.filter((m) => m.confidence === 'loose')];
  return exactFirst.slice(0, MAX_CANDIDATES);
}

/** The candidate codes of `findInviteCodeMatches`, canonical, exact ones first. */
export function findInviteCodes(text: string): string[] {
  return findInviteCodeMatches(text).map((m) => m.code);
}

/**
 * The pre-filled WhatsApp sentence: the workspace's template with `{code}` replaced by the grouped
 * code. A template that lost its `{code}` still carries the code at the end, because a sentence
 * without it cannot link anything. (The default template lives with the workspace settings.)
 */
export function buildInviteSentence(template: string, code: string): string {
  return fillInviteSentence(template, formatInviteCode(code));
}

/** The sentence with `shown` where the code goes: the grouped code, or a masked one for the record. */
export function fillInviteSentence(template: string, shown: string): string {
  const trimmed = template.trim();
  return trimmed.includes('{code}') ? trimmed.replaceAll('{code}', shown) : `${trimmed} ${shown}`.trim();
}

/**
 * The Connect button's URL: `https://wa.me/<digits>?text=<encoded sentence>`. wa.me wants the
 * number as digits with the country code and no "+"; formatting in the configured number is removed.
 */
export function buildWaMeUrl(businessPhoneDigits: string, text: string): string {
  const digits = normalizePhone(businessPhoneDigits);
  if (!digits) {
    throw badRequest('invalid_whatsapp_number', 'The WhatsApp business number must be digits with the country code, e.g. 15550783881.');
  }
  return `https://wa.me/${digits}?text=${encodeURIComponent(text)}`;
}

/**
 * The Open Instagram button's URL: `https://ig.me/m/<username>?ref=<code>`. Meta hands `ref` back
 * in the `messaging_referral` webhook (or on the first message of a new thread); the code goes in
 * its canonical form, so the URL needs no escaping.
 */
export function buildIgMeUrl(businessUsername: string, code: string): string {
  const username = businessUsername.trim().replace(/^@+/, '');
  if (!/^[A-Za-z0-9._]{1,30}$/.test(username)) {
    throw badRequest('invalid_instagram_username', 'The Instagram account’s username is not valid, so no ig.me link can be made for it.');
  }
  const canonical = normalizeCode(code);
  if (!canonical) throw badRequest('invalid_invite_code', 'This is not an invite code: it should have 16 letters and digits.');
  return `https://ig.me/m/${username}?ref=${canonical}`;
}

/**
 * An ig.me `ref` that has the shape of an invite code: its hash, and how the thread shows it
 * (masked, like a sent code). Other refs (ads, campaigns) are not codes and are shown as they are.
 */
export function sealReferralRef(ref: string | undefined): { hash: string; shown: string } | null {
  const canonical = ref ? normalizeCode(ref) : null;
  if (!canonical || !hasCodeShape(canonical)) return null;
  return { hash: hashInviteCode(canonical), shown: `••••-••••-••••-${canonical.slice(-4)}` };
}
