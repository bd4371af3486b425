import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import type { Role } from '../../store/schema';
import type { User } from '../../store/repositories/users';

export interface UpdateAgentInput {
  workspaceId: string;
  actorId: string;
  userId: string;
  name?: string;
  role?: Role;
  disabled?: boolean;
}

/** Renames, changes the role of, or disables an agent. An admin cannot lock themself out. */
export async function updateAgent(ctx: AppContext, input: UpdateAgentInput): Promise<User> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const user = await repos.users.get(input.workspaceId, input.userId);
    if (!user) throw new AppError('not_found', 404, 'No such agent in this workspace.');
    if (input.userId === input.actorId && (input.disabled || (input.role && input.role !== 'admin'))) {
      throw new AppError('cannot_demote_self', 409, 'You cannot disable yourself or remove your own admin role.');
    }
    await repos.users.update(input.workspaceId, input.userId, {
      name: input.name?.trim(),
      role: input.role,
      disabledAt: input.disabled === undefined ? undefined : input.disabled ? now : null,
    });
    if (input.disabled) await repos.sessions.deleteForUser(input.userId);
    await repos.audit.append(
      {
        workspaceId: input.workspaceId,
        actorType: 'user',
        actorId: input.actorId,
        action: 'user.updated',
        subjectType: 'user',
        subjectId: input.userId,
        data: { name: input.name, role: input.role, disabled: input.disabled },
      },
      now,
    );
    return (await repos.users.get(input.workspaceId, input.userId))!;
  });
}
