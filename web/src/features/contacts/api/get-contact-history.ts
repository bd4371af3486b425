import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey } from '../../../lib/query-keys';

export const auditEventSchema = z.object({
  id: z.number(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  contactId: z.string().nullable().optional(),
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  createdAt: z.number(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const mergeHistoryItemSchema = z.object({
  id: z.string(),
  survivorId: z.string(),
  mergedId: z.string(),
  /** auto, manual, invite, contact_view */
  how: z.string(),
  actorId: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.number(),
  undoneAt: z.number().nullable(),
  undoneBy: z.string().nullable(),
  /** Not undone yet, and no later merge was built on it. */
  undoable: z.boolean(),
});
export type MergeHistoryItem = z.infer<typeof mergeHistoryItemSchema>;

const historyResponseSchema = z.object({
  contactId: z.string(),
  events: z.array(auditEventSchema),
  merges: z.array(mergeHistoryItemSchema),
});

/** The audit trail (newest first) and the merges that made this contact, with what can be undone. */
export function getContactHistory(contactId: string, signal?: AbortSignal) {
  return api.get(`/api/contacts/${encodeURIComponent(contactId)}/history`, historyResponseSchema, { signal });
}

export const contactHistoryQueryKey = (contactId: string) => [...contactsRootKey, 'history', contactId] as const;

export function contactHistoryQueryOptions(contactId: string) {
  return queryOptions({ queryKey: contactHistoryQueryKey(contactId), queryFn: ({ signal }) => getContactHistory(contactId, signal), staleTime: 0 });
}

export function useContactHistory(contactId: string | undefined) {
  return useQuery({ ...contactHistoryQueryOptions(contactId ?? ''), enabled: Boolean(contactId) });
}
