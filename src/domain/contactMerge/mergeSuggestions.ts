import type { ChannelKind } from '../shared/channelKind';
import type { ContactSnapshot, IdentitySnapshot } from './mergePlan';
import { emailMatchKey, phoneMatchKey } from '../shared/phone';
import { foldText } from '../shared/text';

/**
 * Merge suggestions: other contacts that are probably the same customer, shown on the contact and
 * never merged without a click. Evidence, strongest first: the same normalised phone, the same
 * normalised email, or the same full name on the two channels (one contact on Instagram, the other
 * on WhatsApp). Placeholders (junk phones and emails, "Instagram User", single first names) are
 * not evidence: they would pair strangers.
 */

export interface SuggestionCandidate {
  contact: ContactSnapshot;
  identities: IdentitySnapshot[];
}

export type SuggestionReason =
  | { kind: 'same_phone'; phone: string }
  | { kind: 'same_email'; email: string }
  | { kind: 'same_name'; name: string };

export interface MergeSuggestion {
  contactId: string;
  reasons: SuggestionReason[];
  /** For the agent: "Same phone number +351912345678." */
  reason: string;
}

/** A pair the agent dismissed, in either order (the suggestion_dismissals rows). */
export interface DismissedPair {
  contactId: string;
  otherContactId: string;
}

const WEIGHT: Record<SuggestionReason['kind'], number> = { same_phone: 3, same_email: 3, same_name: 1 };
const GENERIC_NAMES = new Set(['instagram user', 'whatsapp user', 'unknown', 'customer', 'user', 'no name', 'test user', 'new contact']);

/**
 * The comparison form of a name, or null when the name is too weak to be evidence: fewer than two
 * words, fewer than five letters, or a generic placeholder.
 */
export function nameMatchKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const folded = foldText(name);
  const words = folded.split(' ').filter((w) => /\p{L}/u.test(w));
  if (words.length < 2 || words.join('').length < 5 || GENERIC_NAMES.has(folded)) return null;
  return words.join(' ');
}

function phonesOf(contact: ContactSnapshot, identities: IdentitySnapshot[]): Set<string> {
  return new Set([contact.phone, ...identities.map((i) => i.phone)].map(phoneMatchKey).filter((p): p is string => p !== null));
}

function namesOf(contact: ContactSnapshot, identities: IdentitySnapshot[]): Set<string> {
  return new Set([contact.name, ...identities.map((i) => i.displayName)].map(nameMatchKey).filter((n): n is string => n !== null));
}

function kindsOf(identities: IdentitySnapshot[]): Set<ChannelKind> {
  return new Set(identities.map((i) => i.kind));
}

/** True when the two contacts are (at least partly) on different channels: Instagram on one, WhatsApp on the other. */
function onTwoChannels(a: Set<ChannelKind>, b: Set<ChannelKind>): boolean {
  return [...a].some((x) => [...b].some((y) => x !== y));
}

function sentence(reason: SuggestionReason): string {
  switch (reason.kind) {
    case 'same_phone':
      return `same phone number +${reason.phone}`;
    case 'same_email':
      return `same email ${reason.email}`;
    case 'same_name':
      return `same name “${reason.name}” on Instagram and WhatsApp`;
  }
}

/**
 * Candidates that share evidence with `contact`, strongest first (ties keep the candidates'
 * order). Never the contact itself, never tombstones, never another workspace, never a dismissed
 * pair. A tombstone asking for suggestions gets none.
 */
export function findMergeSuggestions(
  contact: ContactSnapshot,
  identities: IdentitySnapshot[],
  candidates: readonly SuggestionCandidate[],
  dismissed: readonly DismissedPair[] = [],
): MergeSuggestion[] {
  if (contact.mergedIntoId) return [];
  const isDismissed = (otherId: string) =>
    dismissed.some(
      (d) => (d.contactId === contact.id && d.otherContactId === otherId) || (d.contactId === otherId && d.otherContactId === contact.id),
    );
  const phones = phonesOf(contact, identities);
  const email = emailMatchKey(contact.email);
  const names = namesOf(contact, identities);
  const kinds = kindsOf(identities);

  const scored: Array<{ suggestion: MergeSuggestion; score: number; order: number }> = [];
  candidates.forEach((candidate, order) => {
    const other = candidate.contact;
    if (other.id === contact.id || other.mergedIntoId || other.workspaceId !== contact.workspaceId || isDismissed(other.id)) return;
    if (scored.some((s) => s.suggestion.contactId === other.id)) return;
    const reasons: SuggestionReason[] = [];
    for (const phone of phonesOf(other, candidate.identities)) if (phones.has(phone)) reasons.push({ kind: 'same_phone', phone });
    const otherEmail = emailMatchKey(other.email);
    if (email && otherEmail === email) reasons.push({ kind: 'same_email', email });
    if (onTwoChannels(kinds, kindsOf(candidate.identities))) {
      const name = [...namesOf(other, candidate.identities)].find((n) => names.has(n));
      if (name) reasons.push({ kind: 'same_name', name: other.name && nameMatchKey(other.name) === name ? other.name : name });
    }
    if (!reasons.length) return;
    const text = reasons.map(sentence).join(', ');
    scored.push({
      suggestion: { contactId: other.id, reasons, reason: `${text[0].toUpperCase()}${text.slice(1)}.` },
      score: reasons.reduce((sum, r) => sum + WEIGHT[r.kind], 0),
      order,
    });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.suggestion);
}
