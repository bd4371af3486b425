import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import type { CustomerRows } from '../../store/repositories/customerData';
import type { MediaFile } from '../../store/repositories/mediaFiles';

export const EXPORT_FORMAT = 'braid.contact-export';
export const EXPORT_VERSION = 2;

/** Columns that hold JSON text: exported as the JSON they hold. */
const JSON_COLUMNS = new Set(['attributes', 'payload', 'snapshot', 'data']);
/** Secrets of the business, not data about the customer: never exported. */
const WITHHELD = new Set(['code_hash', 'dispute_token_hash']);

/** A media file of the export: where it goes in the zip, and its bytes. */
export interface ExportedFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Everything Braid keeps about one person (see docs/contact-export.md): the contact and every
 * contact merged into it, each identity and channel, conversations, messages with their statuses,
 * notes, tags, invites, merge requests, merges with their snapshots, the audit entries naming
 * them, and the media files of their messages (`withFiles`: their bytes too, for the zip).
 * Admins only; the download itself is recorded in the audit trail.
 */
export async function exportContact(ctx: AppContext, input: { workspaceId: string; contactId: string; actorId: string; withFiles: boolean }) {
  const now = ctx.clock.now();
  const found = await ctx.store.transaction(async (repos) => {
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
    const media = await repos.mediaFiles.forMessages(rows.messages.map((m) => m.id));
    return { contactId: contact.id, rows, media };
  });

  // Bytes are read after the transaction: storage may be slow, and a file erased meanwhile is left out.
  const files: ExportedFile[] = [];
  const listed = [];
  for (const file of found.media) {
    const stored = input.withFiles && file.state === 'stored' && file.storageKey ? await ctx.media.get(file.storageKey) : undefined;
    const path = stored ? `media/${file.id}${extensionOf(stored.contentType)}` : null;
    if (stored && path) files.push({ path, bytes: stored.bytes });
    listed.push(describeFile(file, path));
  }
  const media = { included: input.withFiles, files: listed };
  return { contactId: found.contactId, document: exportDocument(found.rows, media, { exportedAt: now, exportedBy: input.actorId }), files };
}

function describeFile(file: MediaFile, path: string | null) {
  const { id, messageId, position, kind, state, contentType, size, filename, failure, createdAt } = file;
  return { id, messageId, position, kind, state, contentType, size, filename, failure, createdAt, path };
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'audio/ogg': '.ogg',
  'audio/mpeg': '.mp3',
  'audio/mp4': '.m4a',
  'audio/aac': '.aac',
  'video/mp4': '.mp4',
  'video/3gpp': '.3gp',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
};

/** So the customer's own computer opens each file; an unknown type keeps a neutral extension. */
function extensionOf(contentType: string): string {
  return EXTENSIONS[contentType.split(';')[0].trim().toLowerCase()] ?? '.bin';
}

function exportDocument(rows: CustomerRows, media: { included: boolean; files: ReturnType<typeof describeFile>[] }, meta: { exportedAt: number; exportedBy: string }) {
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
    media,
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
