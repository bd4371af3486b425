import { foldText } from '../shared/text';

/**
 * An invite code proves only that its sender saw the invite text, which a stranger can too (over a
 * shoulder, in a forwarded screenshot). These rules limit what a leaked code can do without an
 * agent looking: the names must plausibly be one person's, and the customer can always say "Not me".
 */

const MIN_SHARED_WORD = 2;

function folded(name: string | null | undefined): string[] {
  return name ? foldText(name).split(' ').filter(Boolean) : [];
}

/**
 * True when the WhatsApp profile name and the Instagram name or username plausibly belong to one
 * person: after folding case and accents they share a word of at least two letters, or one side
 * has no name to compare. Usernames count by their words ("alice_martin" has "alice").
 */
export function namesPlausiblyMatch(whatsappName: string | null, instagramNames: Array<string | null>): boolean {
  const whatsapp = folded(whatsappName);
  const instagram = instagramNames.flatMap((name) => folded(name?.replace(/[._]+/g, ' ')));
  if (whatsapp.length === 0 || instagram.length === 0) return true;
  const shared = new Set(instagram.filter((word) => [...word].length >= MIN_SHARED_WORD));
  return whatsapp.some((word) => shared.has(word));
}

/** The merge request's reason when the names do not match: the agent sees both. */
export function describeNameMismatch(whatsappName: string, instagramName: string): string {
  return `Check who this is before merging: names differ: ${whatsappName} on WhatsApp, ${instagramName} on Instagram.`;
}

/** How the customer is told which WhatsApp account was linked, without showing the whole number. */
export function maskedWhatsAppAccount(account: { phone: string | null; username: string | null }): string {
  const digits = account.phone?.replace(/\D/g, '') ?? '';
  if (digits.length >= 4) return `the WhatsApp number ending in ${digits.slice(-4)}`;
  if (account.username) return `the WhatsApp account @${account.username.replace(/^@+/, '')}`;
  return 'a WhatsApp account';
}

/** How the customer is told on WhatsApp which Instagram account an Instagram link linked. */
export function maskedInstagramAccount(account: { username: string | null }): string {
  return account.username ? `the Instagram account @${account.username.replace(/^@+/, '')}` : 'an Instagram account';
}

/** The quick reply under the link notice: its payload names the merge and carries its token. */
export const NOT_ME_TITLE = 'Not me';
const NOT_ME_PREFIX = 'NOT_ME:';

export function notMePayload(mergeId: string, token: string): string {
  return `${NOT_ME_PREFIX}${mergeId}:${token}`;
}

/** The reply a customer tapped: an Instagram quick reply's payload, or a WhatsApp reply button's id. */
export function notMeAnswerOf(payload: { quickReplyPayload?: unknown; interactive?: unknown }): string | null {
  if (typeof payload.quickReplyPayload === 'string') return payload.quickReplyPayload;
  const interactive = payload.interactive as { type?: unknown; id?: unknown } | undefined;
  return interactive?.type === 'button_reply' && typeof interactive.id === 'string' ? interactive.id : null;
}

export function parseNotMePayload(payload: string | null | undefined): { mergeId: string; token: string } | null {
  if (!payload?.startsWith(NOT_ME_PREFIX)) return null;
  const [mergeId, token, ...rest] = payload.slice(NOT_ME_PREFIX.length).split(':');
  if (!mergeId || !token || rest.length) return null;
  return { mergeId, token };
}

/** A code shown in a stored message once it has been sent: only its last group stays readable. */
export function maskInviteCode(code: string): string {
  return `••••-••••-••••-${code.replace(/[^0-9A-Za-z]/g, '').slice(-4).toUpperCase()}`;
}
