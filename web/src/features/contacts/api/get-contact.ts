import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey } from '../../../lib/query-keys';
import { contactSchema, identitySchema } from './contact-schema';

const identityViewSchema = identitySchema.extend({
  conversation: z
    .object({ id: z.string(), replyWindowOpen: z.boolean(), replyWindowClosesAt: z.number().nullable() })
    .loose()
    .nullable(),
});
export type IdentityView = z.infer<typeof identityViewSchema>;

export const mergeRequestSchema = z.object({
  id: z.string(),
  inviteId: z.string().nullable(),
  survivorContactId: z.string(),
  otherContactId: z.string(),
  state: z.string(),
  reason: z.string(),
  createdAt: z.number(),
});

export const inviteSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  conversationId: z.string(),
  /** sent, connected, merged, expired, superseded, rejected, disputed */
  state: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  connectedAt: z.number().nullable(),
});

const contactViewSchema = z.object({
  contact: contactSchema,
  /** Set when the id asked for was merged away: the contact it lives on in is shown instead. */
  resolvedFrom: z.string().nullable(),
  identities: z.object({ instagram: z.array(identityViewSchema), whatsapp: z.array(identityViewSchema) }),
  tags: z.array(z.string()),
  notes: z.array(z.object({ id: z.string(), authorId: z.string().nullable(), body: z.string(), createdAt: z.number() })),
  pendingMergeRequests: z.array(mergeRequestSchema),
  invites: z.array(inviteSchema),
});
export type ContactView = z.infer<typeof contactViewSchema>;

export function getContact(contactId: string, signal?: AbortSignal) {
  return api.get(`/api/contacts/${encodeURIComponent(contactId)}`, contactViewSchema, { signal });
}

export const contactQueryKey = (contactId: string) => [...contactsRootKey, 'detail', contactId] as const;

export function contactQueryOptions(contactId: string) {
  return queryOptions({ queryKey: contactQueryKey(contactId), queryFn: ({ signal }) => getContact(contactId, signal), staleTime: 0 });
}

export function useContact(contactId: string | undefined) {
  return useQuery({ ...contactQueryOptions(contactId ?? ''), enabled: Boolean(contactId) });
}
