import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { SANDBOX_API, sandboxCustomerSchema, threadMessageSchema } from './types';

const threadsResponseSchema = z.object({
  customer: sandboxCustomerSchema,
  instagram: z.array(threadMessageSchema),
  whatsapp: z.array(threadMessageSchema),
});
export type CustomerThreads = z.infer<typeof threadsResponseSchema>;

export function getThreads(customerId: string) {
  return api.get(`${SANDBOX_API}/customers/${encodeURIComponent(customerId)}/threads`, threadsResponseSchema);
}

export const threadsQueryKey = (customerId: string) => ['sandbox', 'threads', customerId] as const;

/** The platform has no event stream, so the phones poll: a business send shows within a second. */
export const THREADS_POLL_MS = 1_000;

export function threadsQueryOptions(customerId: string) {
  return queryOptions({
    queryKey: threadsQueryKey(customerId),
    queryFn: () => getThreads(customerId),
    refetchInterval: THREADS_POLL_MS,
    staleTime: 0,
  });
}

export function useThreads(customerId: string) {
  return useQuery(threadsQueryOptions(customerId));
}
