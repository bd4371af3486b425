import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'agent']);
export type Role = z.infer<typeof roleSchema>;

/** The signed-in person, as the auth endpoints present them. */
export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  workspaceId: z.string(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
});
export type Workspace = z.infer<typeof workspaceSchema>;
