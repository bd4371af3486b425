import { z } from 'zod';

export const role = z.enum(['admin', 'agent']);

export const createUserBody = z.object({
  email: z.email('enter a valid email').max(254),
  name: z.string().trim().min(1, 'enter a name').max(120),
  role: role.default('agent'),
  password: z.string().min(8, 'use at least 8 characters').max(1000),
});

export const userParams = z.object({ id: z.string().min(1).max(100) });

export const updateUserBody = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    role: role.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'change at least one of name, role, disabled');
