import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import { newId } from '../../domain/shared/ids';
import type { User } from '../../store/repositories/users';
import { hashPassword } from '../../domain/auth/passwords';
import { hashToken } from '../../domain/auth/tokens';
import { startSession } from './steps/startSession';

export interface CompleteSetupInput {
  token: string;
  email: string;
  name: string;
  password: string;
}

/** Creates the first admin through the one-time link, signed in at once; the link cannot be used twice. */
export async function completeSetup(ctx: AppContext, input: CompleteSetupInput): Promise<{ user: User; token: string }> {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const workspaceId = await repos.sessions.consumeSetupToken(hashToken(input.token), now);
    if (!workspaceId) throw new AppError('invalid_setup_link', 410, 'This setup link was already used or has expired.');
    const email = input.email.trim().toLowerCase();
    if (await repos.users.findByEmail(email)) {
      throw new AppError('email_taken', 409, `An account with ${email} already exists.`);
    }
    const user = await repos.users.create(
      { id: newId(), workspaceId, email, name: input.name.trim(), role: 'admin', passwordHash },
      now,
    );
    await repos.audit.append(
      { workspaceId, actorType: 'system', actorId: null, action: 'user.created', subjectType: 'user', subjectId: user.id, data: { role: 'admin', via: 'setup' } },
      now,
    );
    return { user, token: await startSession(repos, user, now) };
  });
}
