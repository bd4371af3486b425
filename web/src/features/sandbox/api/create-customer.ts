import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { customersQueryKey } from './list-customers';
import { SANDBOX_API, sandboxCustomerSchema } from './types';

/**
 * Blank name or handle: the platform picks a realistic one. `phone: null` makes a WhatsApp user
 * who hides their number (Meta shares only the business-scoped user id); omitted: a random number.
 */
export const createCustomerInputSchema = z.object({
  name: z.string().trim().max(100, 'Use at most 100 characters.').optional(),
  igUsername: z
    .string()
    .trim()
    .regex(/^[a-z0-9._]{0,30}$/i, 'Use letters, digits, dots and underscores (at most 30).')
    .optional(),
  phone: z.string().trim().nullable().optional(),
});
export type CreateCustomerInput = z.infer<typeof createCustomerInputSchema>;

const createCustomerResponseSchema = z.object({ customer: sandboxCustomerSchema });

export async function createCustomer(input: CreateCustomerInput) {
  const body = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== '' && value !== undefined));
  const { customer } = await api.post(`${SANDBOX_API}/customers`, body, createCustomerResponseSchema);
  return customer;
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCustomer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customersQueryKey }),
  });
}
