import type { Channel } from '../../../store/repositories/channels';
import type { Repositories } from '../../../store/store';

/**
 * What every step of one webhook delivery's ingest shares: the transaction's repositories, the
 * channel the events belong to, the time of receipt, and a tally the route reports and counts.
 */
export interface IngestScope {
  repos: Repositories;
  channel: Channel;
  now: number;
  tally: IngestTally;
  /** Set when a job re-applies a status that arrived before its message was known. */
  lateStatus?: boolean;
}

export interface IngestTally {
  /** New rows (messages) or applied changes (statuses, reactions, edits, identity moves). */
  stored: number;
  /** Items Braid already had: redeliveries, our own sends echoed back, statuses that would go backwards. */
  duplicates: number;
  /** Items that could not be used, with the reason (kept on the delivery row). */
  rejected: string[];
  /** Changes that name a message Braid never saw (a read of an old mid): noted, never an error. */
  unknownTargets: string[];
  /** Conversations whose list row changed: one `conversation.updated` each after the events. */
  touchedConversations: Map<string, string>;
}

export function emptyTally(): IngestTally {
  return { stored: 0, duplicates: 0, rejected: [], unknownTargets: [], touchedConversations: new Map() };
}

/** PostgreSQL refuses NUL in text columns; Meta never sends one, a forged or broken body might. */
export function cleanText(value: string | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

/** The list's one-line preview of a message. */
export function previewOf(text: string | null, type: string): string {
  const line = text?.trim() ? text.trim() : `[${type.replace(/_/g, ' ')}]`;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
