import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import type { CustomerRows } from '../../store/repositories/customerData';

export const EXPORT_FORMAT = 'braid.contact-export';
export const EXPORT_VERSION = 1;

/** Columns that hold JSON text: exported as the JSON they hold. */
const JSON_COLUMNS = new Set(['attributes', 'payload', 'snapshot', 'data']);
/** Secrets of the business, not data about the customer: never exported. */
const WITHHELD = new Set(['code_hash', 'dispute_token_hash']);

/**
 * Everything Braid keeps about one person (see docs/contact-export.md): the contact and every
 * contact merged into it, each identity and channel, conversations, messages with their statuses,
 * notes, tags, invites, merge requests, merges with their snapshots, and the audit entries naming
 * them. Admins only; the download itself is recorded in the audit trail.
 */
export async function exportContact(ctx: AppContext, input: { workspaceId: string; contactId: string; actorId: string }) {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const contact = await repos.contacts.resolve(input.workspaceId, input.contactId);
    if (!contact) throw notFound('contact_not_found', 'This contact does not exist in this workspace.');
    const linked = await repos.customerData.linkedContacts(input.workspaceId, contact.id);
    const rows = await repos.customerData.collect(input.workspaceId, linked);
    await repos.audit.append(
      {
        workspaceId: input.workspaceId,
        actorType: 'user',
        actorId: input.actorId,
        action: 'contact.exported',
        subjectType: 'contact',
        subjectId: contact.id,
        contactId: contact.id,
        data: { format: EXPORT_FORMAT, version: EXPORT_VERSION, messages: rows.messages.length },
      },
      now,
    );
    return { contactId: contact.id, document: exportDocument(rows, { exportedAt: now, exportedBy: input.actorId }) };
  });
}

function exportDocument(rows: CustomerRows, meta: { exportedAt: number; exportedBy: string }) {
  const [contact, ...mergedIn] = rows.contacts.map(camel);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(meta.exportedAt).toISOString(),
    exportedBy: meta.exportedBy,
    contact,
    mergedContacts: mergedIn,
    identities: rows.identities.map(camel),
    conversations: rows.conversations.map(camel),
    messages: rows.messages.map(camel),
    notes: rows.notes.map(camel),
    tags: rows.tags.map(camel),
    invites: rows.invites.map(camel),
    mergeRequests: rows.mergeRequests.map(camel),
    merges: rows.merges.map(camel),
    auditEntries: rows.audit.map(camel),
    media: { included: false, reason: 'Braid does not store media files yet: attachments appear in messages[].payload as Meta sent them.' },
  };
}

/** A stored row with camelCase keys, its JSON columns parsed and the business's secrets left out. */
function camel(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (WITHHELD.has(key)) continue;
    out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = JSON_COLUMNS.has(key) && typeof value === 'string' ? parse(value) : value;
  }
  return out;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
