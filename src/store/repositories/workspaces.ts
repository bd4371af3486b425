import { type WorkspaceSettings, workspaceSettingsSchema } from '../../domain/workspace/settings';
import { readJson } from '../json';
import type { RepositoryContext } from './context';

export interface Workspace {
  id: string;
  name: string;
  settings: WorkspaceSettings;
  createdAt: number;
}

export class WorkspacesRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(input: { id: string; name: string }, now: number): Promise<Workspace> {
    const settings = workspaceSettingsSchema.parse({});
    await this.ctx.db
      .insertInto('workspaces')
      .values({ id: input.id, name: input.name, settings: JSON.stringify(settings), created_at: now })
      .execute();
    return { id: input.id, name: input.name, settings, createdAt: now };
  }

  async get(id: string): Promise<Workspace | undefined> {
    const row = await this.ctx.db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toWorkspace(row);
  }

  /**
   * Holds the workspace until the caller's transaction ends, for changes that must happen one at a
   * time per workspace (its first admin). PostgreSQL locks the row; SQLite has one writer anyway.
   */
  async lock(id: string): Promise<void> {
    await this.ctx.db
      .selectFrom('workspaces')
      .select('id')
      .where('id', '=', id)
      .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
      .execute();
  }

  async first(): Promise<Workspace | undefined> {
    const row = await this.ctx.db.selectFrom('workspaces').selectAll().orderBy('created_at').limit(1).executeTakeFirst();
    return row && toWorkspace(row);
  }

  async updateSettings(id: string, settings: WorkspaceSettings): Promise<void> {
    await this.ctx.db
      .updateTable('workspaces')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', id)
      .execute();
  }
}

function toWorkspace(row: { id: string; name: string; settings: string; created_at: number }): Workspace {
  return {
    id: row.id,
    name: row.name,
    settings: readJson(workspaceSettingsSchema, row.settings),
    createdAt: row.created_at,
  };
}
