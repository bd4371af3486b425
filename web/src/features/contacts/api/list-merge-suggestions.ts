import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { contactsRootKey } from '../../../lib/query-keys';
import { contactSchema } from './contact-schema';

const suggestionsResponseSchema = z.object({
  contactId: z.string(),
  suggestions: z.array(
    z.object({
      contactId: z.string(),
      /** For the agent: "Same phone number +351912345678." */
      reason: z.string(),
      contact: contactSchema,
    }),
  ),
});
export type MergeSuggestion = z.infer<typeof suggestionsResponseSchema>['suggestions'][number];

/** Contacts that are probably the same customer. Only shown: merging takes the agent's click. */
export function listMergeSuggestions(contactId: string, signal?: AbortSignal) {
  return api.get(`/api/contacts/${encodeURIComponent(contactId)}/suggestions`, suggestionsResponseSchema, { signal });
}

export const mergeSuggestionsQueryKey = (contactId: string) => [...contactsRootKey, 'suggestions', contactId] as const;

export function mergeSuggestionsQueryOptions(contactId: string) {
  return queryOptions({ queryKey: mergeSuggestionsQueryKey(contactId), queryFn: ({ signal }) => listMergeSuggestions(contactId, signal), staleTime: 0 });
}

export function useMergeSuggestions(contactId: string | undefined) {
  return useQuery({ ...mergeSuggestionsQueryOptions(contactId ?? ''), enabled: Boolean(contactId) });
}
