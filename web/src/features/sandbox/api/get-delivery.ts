import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { SANDBOX_API } from './types';

export const deliveryOptionsSchema = z.object({
  batchSize: z.number(),
  duplicateRate: z.number(),
  shuffle: z.boolean(),
  delayMs: z.number(),
});
export type DeliveryOptions = z.infer<typeof deliveryOptionsSchema>;

const deliveryResponseSchema = z.object({ options: deliveryOptionsSchema.loose(), pending: z.number() });

/** How the platform currently delivers webhooks to Braid, and how many items wait in its queue. */
export function getDelivery() {
  return api.get(`${SANDBOX_API}/delivery`, deliveryResponseSchema);
}

export const deliveryQueryKey = ['sandbox', 'delivery'] as const;

export function deliveryQueryOptions() {
  return queryOptions({ queryKey: deliveryQueryKey, queryFn: getDelivery, refetchInterval: 2_000 });
}

export function useDelivery() {
  return useQuery(deliveryQueryOptions());
}
