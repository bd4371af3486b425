import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import { newId } from '../../domain/shared/ids';
import type { Role } from '../../store/schema';
import type { User } from '../../store/repositories/users';
import { hashPassword } from '../../domain/auth/passwords';

export interface CreateAgentInput {
  workspaceId: string;
  actorId: string | null;
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** Adds an agent or admin to the workspace. Emails are unique across Braid (they sign in by email). */
export async function createAgent(ctx: AppContext, input: CreateAgentInput): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const email = input.email.trim().toLowerCase();
  return ctx.store.transaction(async (repos) => {
    if (await repos.users.findByEmail(email)) {
      throw new AppError('email_taken', 409, `An account with ${email} already exists.`);
    }
    const user = await repos.users.create(
      { id: newId(), workspaceId: input.workspaceId, email, name: input.name.trim(), role: input.role, passwordHash },
      now,
    );
    await repos.audit.append(
      {
        workspaceId: input.workspaceId,
        actorType: input.actorId ? 'user' : 'system',
        actorId: input.actorId,
        action: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        data: { role: user.role, email },
      },
      now,
    );
    await repos.events.record(input.workspaceId, 'user.created', { userId: user.id }, now);
    return user;
  });
}
