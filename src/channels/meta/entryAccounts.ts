import type { ChannelKind } from '../../domain/shared/channelKind';

/**
 * The accounts a webhook body speaks for, before any parsing of its events: Instagram names the
 * account in `entry[].id` (the professional account's Instagram user id), WhatsApp in
 * `entry[].changes[].value.metadata.phone_number_id`. Used to pick the app secrets the body may be
 * signed with; anything malformed is left for the parser to reject.
 */
export function entryAccountIds(kind: ChannelKind, body: unknown): string[] {
  const ids = new Set<string>();
  const entries = isRecord(body) && Array.isArray(body.entry) ? body.entry : [];
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    if (kind === 'instagram') {
      if (typeof entry.id === 'string' && entry.id) ids.add(entry.id);
      continue;
    }
    for (const change of Array.isArray(entry.changes) ? entry.changes : []) {
      const metadata = isRecord(change) && isRecord(change.value) ? change.value.metadata : undefined;
      const phoneNumberId = isRecord(metadata) ? metadata.phone_number_id : undefined;
      if (typeof phoneNumberId === 'string' && phoneNumberId) ids.add(phoneNumberId);
    }
  }
  return [...ids];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
