import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { SANDBOX_API, sandboxCustomerSchema } from './types';

const listCustomersResponseSchema = z.object({ customers: z.array(sandboxCustomerSchema) });

export async function listCustomers() {
  const { customers } = await api.get(`${SANDBOX_API}/customers`, listCustomersResponseSchema);
  return customers;
}

export const customersQueryKey = ['sandbox', 'customers'] as const;

export function customersQueryOptions() {
  // Customers made in another tab (or by a test) show up without a reload.
  return queryOptions({ queryKey: customersQueryKey, queryFn: listCustomers, staleTime: 5_000, refetchInterval: 5_000 });
}

export function useCustomers() {
  return useQuery(customersQueryOptions());
}
