import type { Selectable } from 'kysely';
import { z } from 'zod';
import { readJson } from '../json';
import type { AuditEventTable } from '../schema';
import type { RepositoryContext } from './context';

export interface AuditEntry {
  workspaceId: string;
  actorType: 'user' | 'automation' | 'system' | 'customer';
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  contactId?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  createdAt: number;
}

/** Append-only: there is no update or delete here on purpose. */
export class AuditRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async append(entry: AuditEntry, now: number): Promise<void> {
    await this.ctx.db
      .insertInto('audit_events')
      .values({
        workspace_id: entry.workspaceId,
        actor_type: entry.actorType,
        actor_id: entry.actorId,
        action: entry.action,
        subject_type: entry.subjectType,
        subject_id: entry.subjectId,
        contact_id: entry.contactId ?? null,
        data: JSON.stringify(entry.data ?? {}),
        created_at: now,
      })
      .execute();
  }

  async forContacts(workspaceId: string, contactIds: string[], limit = 200): Promise<AuditRecord[]> {
    if (contactIds.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', 'in', contactIds)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /** The newest entry of one action about each subject (e.g. the last assignment of each conversation). */
  async latestFor(subjectIds: string[], action: string): Promise<AuditRecord[]> {
    if (subjectIds.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subject_id', 'in', subjectIds)
      .where('action', '=', action)
      .orderBy('id', 'desc')
      .execute();
    const newest = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (!newest.has(row.subject_id)) newest.set(row.subject_id, row);
    return [...newest.values()].map(toRecord);
  }
}

function toRecord(r: Selectable<AuditEventTable>): AuditRecord {
  return {
    id: Number(r.id),
    workspaceId: r.workspace_id,
    actorType: r.actor_type as AuditEntry['actorType'],
    actorId: r.actor_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    contactId: r.contact_id,
    data: readJson(z.record(z.string(), z.unknown()), r.data),
    createdAt: r.created_at,
  };
}
