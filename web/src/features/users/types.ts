import { z } from 'zod';
import { timestampSchema } from '../../lib/api';
import { roleSchema } from '../../lib/session/types';

/** An agent or admin of the workspace, as the users API lists them. */
export const workspaceUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: timestampSchema,
  disabledAt: timestampSchema.nullable().optional(),
});
export type WorkspaceUser = z.infer<typeof workspaceUserSchema>;
