import { z } from 'zod';

export const loginBody = z.object({
  email: z.string().trim().min(1, 'enter your email').max(254),
  password: z.string().min(1, 'enter your password').max(1000),
});

export const setupQuery = z.object({ token: z.string().min(1).max(200) });

export const setupBody = z.object({
  token: z.string().min(1).max(200),
  email: z.email('enter a valid email').max(254),
  name: z.string().trim().min(1, 'enter a name').max(120),
  password: z.string().min(8, 'use at least 8 characters').max(1000),
});
