import type { AppContext } from '../../context';
import type { User } from '../../store/repositories/users';

/** Everyone who works in the workspace, agents and admins, disabled ones included. */
export async function listAgents(ctx: AppContext, input: { workspaceId: string }): Promise<User[]> {
  return ctx.store.repos.users.list(input.workspaceId);
}
