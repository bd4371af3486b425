import type { Role } from '../schema';
import type { RepositoryContext } from './context';

export interface User {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: number;
  disabledAt: number | null;
  lastSeenAt: number | null;
}

export interface UserWithSecret extends User {
  passwordHash: string | null;
}

const columns = [
  'id', 'workspace_id', 'email', 'name', 'role', 'created_at', 'disabled_at', 'last_seen_at', 'password_hash',
] as const;

export class UsersRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(
    input: { id: string; workspaceId: string; email: string; name: string; role: Role; passwordHash: string | null },
    now: number,
  ): Promise<User> {
    await this.ctx.db
      .insertInto('users')
      .values({
        id: input.id,
        workspace_id: input.workspaceId,
        email: input.email,
        name: input.name,
        role: input.role,
        password_hash: input.passwordHash,
        created_at: now,
      })
      .execute();
    return { ...input, createdAt: now, disabledAt: null, lastSeenAt: null };
  }

  async findByEmail(email: string): Promise<UserWithSecret | undefined> {
    const row = await this.ctx.db.selectFrom('users').select(columns).where('email', '=', email).executeTakeFirst();
    return row && { ...toUser(row), passwordHash: row.password_hash };
  }

  async get(workspaceId: string, id: string): Promise<User | undefined> {
    const row = await this.ctx.db
      .selectFrom('users')
      .select(columns)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async list(workspaceId: string): Promise<User[]> {
    const rows = await this.ctx.db
      .selectFrom('users')
      .select(columns)
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .execute();
    return rows.map(toUser);
  }

  async countInWorkspace(workspaceId: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async update(
    workspaceId: string,
    id: string,
    patch: { name?: string; role?: Role; disabledAt?: number | null },
  ): Promise<void> {
    await this.ctx.db
      .updateTable('users')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.disabledAt !== undefined && { disabled_at: patch.disabledAt }),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }

  async touch(id: string, now: number): Promise<void> {
    await this.ctx.db.updateTable('users').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
}

function toUser(row: {
  id: string; workspace_id: string; email: string; name: string; role: Role;
  created_at: number; disabled_at: number | null; last_seen_at: number | null;
}): User {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    lastSeenAt: row.last_seen_at,
  };
}
