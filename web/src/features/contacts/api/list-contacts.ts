import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey } from '../../../lib/query-keys';
import { contactSchema, identitySchema } from './contact-schema';

const listContactsResponseSchema = z.object({
  contacts: z.array(contactSchema.extend({ identities: z.array(identitySchema.loose()) })),
  next: z.object({ beforeCreatedAt: z.number(), beforeId: z.string() }).nullable(),
});
export type ContactListItem = z.infer<typeof listContactsResponseSchema>['contacts'][number];

/** Contacts matching a name, handle, phone or email; newest first. */
export function listContacts(search: string, signal?: AbortSignal) {
  return api.get('/api/contacts', listContactsResponseSchema, { signal, query: { q: search.trim() || undefined, limit: 100 } });
}

export const contactListQueryKey = (search: string) => [...contactsRootKey, 'list', search.trim()] as const;

export function contactListQueryOptions(search: string) {
  return queryOptions({
    queryKey: contactListQueryKey(search),
    queryFn: ({ signal }) => listContacts(search, signal),
    // Live events keep it fresh only while a page that shows it is open; coming back refetches.
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

export function useContacts(search: string) {
  return useQuery(contactListQueryOptions(search));
}
