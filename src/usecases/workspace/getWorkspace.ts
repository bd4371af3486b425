import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import type { Workspace } from '../../store/repositories/workspaces';

/** The signed-in user's workspace, with its settings. */
export async function getWorkspace(ctx: AppContext, input: { workspaceId: string }): Promise<Workspace> {
  const workspace = await ctx.store.repos.workspaces.get(input.workspaceId);
  if (!workspace) throw notFound('workspace_not_found', 'This workspace does not exist.');
  return workspace;
}
