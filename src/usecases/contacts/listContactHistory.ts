import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import type { AuditRecord } from '../../store/repositories/audit';
import type { Merge } from '../../store/repositories/merges';
import { mergeSnapshotSchema } from '../contactMerge/steps/applyMerge';

export interface MergeHistoryItem extends Omit<Merge, 'snapshot'> {
  /** Undo is possible now: not undone, and no later live merge was built on it. */
  undoable: boolean;
}

/**
 * The contact's audit trail, newest first: invites, syncs, refused codes, merge requests, merges,
 * rejections and undos, with who (agent, automation, customer), how and why. It includes the
 * contacts merged into this one, so their past stays visible from the survivor.
 */
export async function listContactHistory(
  ctx: AppContext,
  input: { workspaceId: string; contactId: string; limit?: number },
): Promise<{ contactId: string; events: AuditRecord[]; merges: MergeHistoryItem[] }> {
  const { repos } = ctx.store;
  const contact = await repos.contacts.resolve(input.workspaceId, input.contactId);
  if (!contact) throw notFound('contact_not_found', 'This contact does not exist in this workspace.');
  // Walk merges back from the survivor to every contact that was merged into it (and theirs).
  const related = new Set([contact.id]);
  const merges = new Map<string, Merge>();
  for (let frontier = [contact.id]; frontier.length; ) {
    const found = await repos.merges.forContacts(input.workspaceId, frontier);
    frontier = [];
    for (const merge of found) {
      merges.set(merge.id, merge);
      for (const id of [merge.survivorId, merge.mergedId]) {
        if (!related.has(id) && related.size < 200) {
          related.add(id);
          frontier.push(id);
        }
      }
    }
  }
  const basedOn = new Map([...merges.values()].map((m) => [m.id, mergeSnapshotSchema.parse(JSON.parse(m.snapshot)).basedOn]));
  // Newest first; within one millisecond, a merge built on another is the newer one.
  const all = [...merges.values()].sort(
    (a, b) => b.createdAt - a.createdAt || Number(basedOn.get(b.id)!.includes(a.id)) - Number(basedOn.get(a.id)!.includes(b.id)),
  );
  const builtOn = new Set(all.filter((m) => m.undoneAt === null).flatMap((m) => basedOn.get(m.id)!));
  return {
    contactId: contact.id,
    events: await repos.audit.forContacts(input.workspaceId, [...related], input.limit ?? 200),
    merges: all.map(({ snapshot: _kept, ...merge }) => ({ ...merge, undoable: merge.undoneAt === null && !builtOn.has(merge.id) })),
  };
}
