import type { AuditEntry } from '../../../store/repositories/audit';
import type { Repositories } from '../../../store/store';

/** Who did something, as the audit log records it. */
export interface Actor {
  type: AuditEntry['actorType'];
  id: string | null;
}

export type SystemItemType = 'note' | 'invite' | 'merge_request' | 'merge' | 'unmerge';

/** Merge and invite items are system items of these types. */
export { addSystemItem } from '../addSystemItem';

/** Updates the state shown on a system item (invite, merge request) and tells open threads. */
export async function updateSystemItem(
  repos: Repositories,
  workspaceId: string,
  messageId: string | null,
  patch: Record<string, unknown>,
  now: number,
): Promise<void> {
  if (!messageId) return;
  const message = await repos.messages.get(workspaceId, messageId);
  if (!message) return;
  await repos.messages.updatePayload(message.id, { payload: { ...message.payload, ...patch } });
  await repos.events.record(workspaceId, 'message.updated', { conversationId: message.conversationId, messageId: message.id }, now);
}
