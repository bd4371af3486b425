import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { SANDBOX_API } from './types';

export const businessSchema = z.object({
  instagram: z.object({ accountId: z.string(), username: z.string(), name: z.string() }),
  whatsapp: z.object({ displayPhoneNumber: z.string(), name: z.string() }),
});
export type SandboxBusiness = z.infer<typeof businessSchema>;

/** The business the simulated customers talk to: its names and its WhatsApp number. */
export function getBusiness() {
  return api.get(`${SANDBOX_API}/business`, businessSchema);
}

export const businessQueryKey = ['sandbox', 'business'] as const;

export function businessQueryOptions() {
  return queryOptions({ queryKey: businessQueryKey, queryFn: getBusiness, staleTime: Infinity });
}

export function useBusiness() {
  return useQuery(businessQueryOptions());
}
