import { conflict as conflictError, type AppError } from '../shared/errors';
import { normalizeEmail, normalizePhone } from '../shared/phone';
import type { ChannelKind } from '../shared/channelKind';
import { foldText, handleOf } from '../shared/text';

/**
 * The merge rules of PRODUCT.md as a pure plan over snapshots: what the surviving contact looks
 * like, what moves, and what the agent must be told or asked. The use case locks the rows, calls
 * `planMerge`, and applies the plan in one transaction; the merge preview shows the same plan, so
 * what the agent sees is what happens.
 */

export type Consent = 'granted' | 'unknown' | 'denied';

export interface ContactSnapshot {
  id: string;
  workspaceId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  attributes: Record<string, unknown>;
  marketingConsent: Consent;
  /** Set on a tombstone: the contact it was merged into. */
  mergedIntoId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface IdentitySnapshot {
  id: string;
  contactId: string;
  channelId: string;
  kind: ChannelKind;
  externalId: string | null;
  phone: string | null;
  username: string | null;
  displayName: string | null;
}

/**
 * Something the agent must know. `refuse`: the merge cannot happen. `ask`: never merged
 * automatically, only on an agent's explicit confirmation. `info`: shown, never blocking.
 */
export type MergeConflict =
  | { kind: 'different_workspaces'; severity: 'refuse' }
  | { kind: 'same_contact'; severity: 'refuse'; contactId: string }
  | { kind: 'already_merged'; severity: 'refuse'; contactId: string; contactName: string | null; mergedIntoId: string }
  | { kind: 'two_identities'; severity: 'ask'; channelKind: ChannelKind; identities: IdentitySnapshot[] }
  | { kind: 'attribute_differs'; severity: 'info'; field: string; kept: unknown; other: unknown; otherKeptAs: string | null };

export interface MergeInput {
  survivor: ContactSnapshot;
  other: ContactSnapshot;
  survivorIdentities: IdentitySnapshot[];
  otherIdentities: IdentitySnapshot[];
  survivorTags: string[];
  otherTags: string[];
  /** Ids of the other contact's notes: they are re-pointed, never copied. */
  otherNoteIds?: string[];
  /** The merge time, written as the survivor's updatedAt. */
  now?: number;
}

export interface MergePlan {
  /** The survivor as it will be saved. */
  merged: ContactSnapshot;
  /** The other contact becomes a tombstone that resolves to the survivor, so old links still work. */
  tombstone: { id: string; mergedIntoId: string };
  identitiesToMove: string[];
  notesToMove: string[];
  /** Survivor's tags then the other's new ones, each once. */
  tagsUnion: string[];
  /** The tags the survivor gains. */
  tagsToAdd: string[];
  conflicts: MergeConflict[];
  /** A `refuse` conflict: the merge must not be applied. */
  refused: boolean;
  /** An `ask` conflict: only an agent's confirmation may apply it, even with auto merge on. */
  needsAgent: boolean;
}

/** Where the other contact's differing email and phone go, so they are never dropped. */
export const ADDITIONAL_EMAILS = 'additional_emails';
export const ADDITIONAL_PHONES = 'additional_phones';

const CONSENT_STRICTNESS: Record<Consent, number> = { granted: 0, unknown: 1, denied: 2 };

/** The stricter consent: denied beats unknown beats granted (nobody is opted in by a merge). */
export function stricterConsent(a: Consent, b: Consent): Consent {
  return CONSENT_STRICTNESS[a] >= CONSENT_STRICTNESS[b] ? a : b;
}

/** null, undefined, and blank strings are blanks that the other contact may fill. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Structural equality for JSON values, independent of key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function refusals(input: MergeInput): MergeConflict[] {
  const { survivor, other } = input;
  const found: MergeConflict[] = [];
  if (survivor.workspaceId !== other.workspaceId) found.push({ kind: 'different_workspaces', severity: 'refuse' });
  if (survivor.id === other.id) found.push({ kind: 'same_contact', severity: 'refuse', contactId: survivor.id });
  for (const c of survivor.id === other.id ? [survivor] : [survivor, other]) {
    if (c.mergedIntoId) found.push({ kind: 'already_merged', severity: 'refuse', contactId: c.id, contactName: c.name, mergedIntoId: c.mergedIntoId });
  }
  return found;
}

function identityConflicts(survivorIdentities: IdentitySnapshot[], otherIdentities: IdentitySnapshot[]): MergeConflict[] {
  const found: MergeConflict[] = [];
  for (const kind of ['instagram', 'whatsapp'] as const) {
    const incoming = otherIdentities.filter((i) => i.kind === kind);
    const all = [...survivorIdentities.filter((i) => i.kind === kind), ...incoming];
    const distinct = all.filter((i, n) => all.findIndex((j) => j.id === i.id) === n);
    if (incoming.length > 0 && distinct.length > 1) found.push({ kind: 'two_identities', severity: 'ask', channelKind: kind, identities: distinct });
  }
  return found;
}

/**
 * Plans merging `other` into `survivor`. The survivor keeps its values; blanks are filled from the
 * other; attributes: survivor keys win and missing or blank ones are filled; a differing email or
 * phone of the other is kept under additional_emails / additional_phones; consent keeps the
 * stricter value; tags are unioned; identities and notes move. Differences are reported as `info`.
 */
export function planMerge(input: MergeInput): MergePlan {
  const { survivor, other } = input;
  const conflicts = [...refusals(input), ...identityConflicts(input.survivorIdentities, input.otherIdentities)];
  const attributes: Record<string, unknown> = { ...survivor.attributes };
  const differs = (field: string, kept: unknown, otherValue: unknown, otherKeptAs: string | null = null) =>
    conflicts.push({ kind: 'attribute_differs', severity: 'info', field, kept, other: otherValue, otherKeptAs });

  for (const [key, value] of Object.entries(other.attributes)) {
    if (isBlank(value)) continue;
    if (!(key in attributes) || isBlank(attributes[key])) attributes[key] = value;
    else if (!sameValue(attributes[key], value)) differs(key, attributes[key], value);
  }

  const keepAside = (field: 'email' | 'phone', list: string, normalize: (s: string) => string | null) => {
    const mine = survivor[field];
    const theirs = other[field];
    if (isBlank(mine) || isBlank(theirs)) return;
    const theirsKey = normalize(theirs!) ?? theirs!.trim();
    if ((normalize(mine!) ?? mine!.trim()) === theirsKey) return;
    const identityPhones = [...input.survivorIdentities, ...input.otherIdentities].map((i) => normalizePhone(i.phone));
    const kept = field === 'phone' && identityPhones.includes(theirsKey) ? null : list;
    if (kept) {
      const existing = Array.isArray(attributes[list]) ? (attributes[list] as unknown[]) : [];
      attributes[list] = existing.includes(theirs!.trim()) ? existing : [...existing, theirs!.trim()];
    }
    differs(field, mine, theirs, kept ?? 'whatsapp_identity');
  };
  keepAside('email', ADDITIONAL_EMAILS, normalizeEmail);
  keepAside('phone', ADDITIONAL_PHONES, normalizePhone);
  if (!isBlank(survivor.name) && !isBlank(other.name) && foldText(survivor.name!) !== foldText(other.name!)) {
    differs('name', survivor.name, other.name);
  }

  const fill = (mine: string | null, theirs: string | null) => (isBlank(mine) ? (isBlank(theirs) ? mine : theirs) : mine);
  const merged: ContactSnapshot = {
    ...survivor,
    name: fill(survivor.name, other.name),
    email: fill(survivor.email, other.email),
    phone: fill(survivor.phone, other.phone),
    attributes,
    marketingConsent: stricterConsent(survivor.marketingConsent, other.marketingConsent),
    mergedIntoId: null,
    createdAt: Math.min(survivor.createdAt, other.createdAt),
    updatedAt: input.now ?? Math.max(survivor.updatedAt, other.updatedAt),
  };
  const tagsUnion = [...new Set([...input.survivorTags, ...input.otherTags])];
  return {
    merged,
    tombstone: { id: other.id, mergedIntoId: survivor.id },
    identitiesToMove: input.otherIdentities.map((i) => i.id),
    notesToMove: input.otherNoteIds ?? [],
    tagsUnion,
    tagsToAdd: tagsUnion.filter((t) => !input.survivorTags.includes(t)),
    conflicts,
    refused: conflicts.some((c) => c.severity === 'refuse'),
    needsAgent: conflicts.some((c) => c.severity !== 'info'),
  };
}

const KIND_NAME: Record<ChannelKind, string> = { instagram: 'Instagram', whatsapp: 'WhatsApp' };

function identityLabel(identity: IdentitySnapshot): string {
  if (identity.username) return handleOf(identity.username);
  return identity.displayName ?? (identity.phone ? `+${identity.phone}` : (identity.externalId ?? identity.id));
}

function valueLabel(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

/** One sentence for the agent about a conflict, saying what happens or what to do. */
export function describeMergeConflict(conflict: MergeConflict): string {
  switch (conflict.kind) {
    case 'different_workspaces':
      return 'These contacts are in different workspaces, so they can never be merged.';
    case 'same_contact':
      return 'This is the same contact, so there is nothing to merge.';
    case 'already_merged':
      return `${conflict.contactName ? `“${conflict.contactName}”` : 'This contact'} was already merged into another contact; merge with that contact instead.`;
    case 'two_identities': {
      const labels = conflict.identities.map(identityLabel).join(' and ');
      return `After this merge the contact would have ${conflict.identities.length} ${KIND_NAME[conflict.channelKind]} accounts (${labels}). Merge only if they are the same person.`;
    }
    case 'attribute_differs': {
      const where =
        conflict.otherKeptAs === 'whatsapp_identity'
          ? 'stays on the WhatsApp identity'
          : conflict.otherKeptAs
            ? `is kept under ${conflict.otherKeptAs}`
            : 'stays in the merge record';
      return `The contacts have different values for ${conflict.field}: ${valueLabel(conflict.kept)} is kept and ${valueLabel(conflict.other)} ${where}.`;
    }
  }
}

/** A 409 naming the first reason a plan is refused, or null when it may be applied. */
export function mergeRefusal(plan: MergePlan): AppError | null {
  const refusal = plan.conflicts.find((c) => c.severity === 'refuse');
  return refusal ? conflictError(`merge_${refusal.kind}`, describeMergeConflict(refusal), { conflict: refusal.kind }) : null;
}

export { findMergeSuggestions, nameMatchKey, type MergeSuggestion, type SuggestionCandidate, type SuggestionReason, type DismissedPair } from './mergeSuggestions';
