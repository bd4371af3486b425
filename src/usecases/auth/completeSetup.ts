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

/**
 * Creates the first admin through the one-time link, signed in at once. The workspace is held
 * while the link is checked and used, so of any setups racing, with one link or several, exactly
 * one creates an admin; after that no link works.
 */
export async function completeSetup(ctx: AppContext, input: CompleteSetupInput): Promise<{ user: User; token: string }> {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const tokenHash = hashToken(input.token);
  return ctx.store.transaction(async (repos) => {
    const linkedWorkspace = await repos.setupTokens.workspaceOf(tokenHash);
    if (!linkedWorkspace) throw unusableLink();
    await repos.workspaces.lock(linkedWorkspace);
    const workspaceId = await repos.setupTokens.consume(tokenHash, now);
    if (!workspaceId) throw unusableLink((await repos.users.countInWorkspace(linkedWorkspace)) > 0);
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

function unusableLink(workspaceHasUsers = false): AppError {
  return new AppError(
    'invalid_setup_link',
    410,
    workspaceHasUsers
      ? 'Braid is already set up, so setup links no longer work. Sign in, or ask an admin for an account.'
      : 'This setup link was already used, replaced by a newer one, or has expired. Use the latest link Braid printed at start.',
  );
}
