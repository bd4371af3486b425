/**
 * Phone numbers and emails as matching keys. Suggestions and WhatsApp identity lookups compare
 * these, so one customer typed as "+351 912-345 678" and sent by Meta as "351912345678" must give
 * the same key, and placeholders ("0000000000", "test@example.com") must never make two strangers
 * look like one person.
 */

/** E.164 allows at most 15 digits; fewer than 7 cannot be a number with its country code. */
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
const ALLOWED_PHONE_CHARS = /^[\d\s+().\-‐‑‒–—/]+$/;

/**
 * Digits with the country code and no "+": "+351 912-345 678" → "351912345678",
 * "00351 912 345 678" → "351912345678". A number without "+" or "00" is taken to already carry its
 * country code, which is how WhatsApp sends them. Returns null when the input is not a phone
 * number at all (letters, too few or too many digits, a country code starting with 0).
 */
export function normalizePhone(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const text = input.trim();
  if (!text || !ALLOWED_PHONE_CHARS.test(text)) return null;
  const lead = text.replace(/^\(\s*/, ''); // "(+351) 912…" is written with the + inside the bracket
  if (lead.indexOf('+') > 0 || text.split('+').length > 2) return null;
  let digits = text.replace(/\D/g, '');
  if (!lead.startsWith('+') && digits.startsWith('00')) digits = digits.slice(2);
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null;
  if (digits.startsWith('0')) return null;
  return digits;
}

/**
 * Placeholders that people and imports put in phone fields: one digit repeated ("1111111"),
 * counting runs ("1234567890"), or mostly zeros after the country code. Never used for matching.
 */
export function isJunkPhone(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return true;
  if (/^(\d)\1+$/.test(digits)) return true;
  if ('01234567890123456789'.includes(digits) || '98765432109876543210'.includes(digits)) return true;
  // Subscriber part of one repeated digit after a 1–3 digit country code: "351000000000".
  return /^\d{1,3}(\d)\1{6,}$/.test(digits);
}

/** The key phones are matched on, or null when the input is not a usable number. */
export function phoneMatchKey(input: string | null | undefined): string | null {
  const digits = normalizePhone(input);
  return digits && !isJunkPhone(digits) ? digits : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;

/** Trimmed and lower-cased, or null when it is not shaped like an email address. */
export function normalizeEmail(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const email = input.trim().toLowerCase();
  return EMAIL.test(email) ? email : null;
}

const JUNK_EMAIL_LOCAL = new Set(['noreply', 'no-reply', 'donotreply', 'do-not-reply', 'none', 'null', 'test', 'na', 'n/a', 'unknown']);
const JUNK_EMAIL_DOMAIN = /(^|\.)(example\.(com|org|net)|test|invalid|localhost)$/;

/** Placeholder addresses ("noreply@…", "…@example.com") that must never match two people. */
export function isJunkEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at <= 0) return true;
  return JUNK_EMAIL_LOCAL.has(email.slice(0, at)) || JUNK_EMAIL_DOMAIN.test(email.slice(at + 1));
}

/** The key emails are matched on, or null when the input is not a usable address. */
export function emailMatchKey(input: string | null | undefined): string | null {
  const email = normalizeEmail(input);
  return email && !isJunkEmail(email) ? email : null;
}
