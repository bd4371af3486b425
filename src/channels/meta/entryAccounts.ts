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
      if (isAccountId(entry.id)) ids.add(entry.id);
      continue;
    }
    for (const change of Array.isArray(entry.changes) ? entry.changes : []) {
      const metadata = isRecord(change) && isRecord(change.value) ? change.value.metadata : undefined;
      const phoneNumberId = isRecord(metadata) ? metadata.phone_number_id : undefined;
      if (isAccountId(phoneNumberId)) ids.add(phoneNumberId);
    }
  }
  return [...ids];
}

/**
 * Meta's account ids are short strings of digits. Anything else (control characters, which
 * PostgreSQL refuses in a query, or a megabyte of text) names no connected account, so it is not
 * looked up: the parser rejects its entry as it would any unknown account.
 */
function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]{1,64}$/.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
