import { z } from 'zod';
import { type Automation, type AutomationStep, stepSchema, triggerSchema } from '../../domain/automations/automationSchema';
import { readJson } from '../json';
import type { RepositoryContext } from './context';

/** An automation as stored: the validated shape plus where it belongs and its place in the list. */
export interface StoredAutomation extends Automation {
  id: string;
  workspaceId: string;
  channelId: string;
  position: number;
  createdAt: number;
  updatedAt: number;
}

const stepsSchema = z.array(stepSchema);

type Row = {
  id: string; workspace_id: string; channel_id: string; name: string; enabled: number; position: number; trigger: string;
  steps: string; stop_on_agent_action: number; cooldown_seconds: number; created_at: number; updated_at: number;
};

export class AutomationsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(automation: StoredAutomation): Promise<void> {
    await this.ctx.db.insertInto('automations').values(toRow(automation)).execute();
  }

  async get(workspaceId: string, id: string): Promise<StoredAutomation | undefined> {
    const row = await this.ctx.db
      .selectFrom('automations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toAutomation(row);
  }

  /** In the order the admin arranged them: ties between equally good matches go to the earlier one. */
  async list(workspaceId: string, filter: { channelId?: string; enabledOnly?: boolean } = {}): Promise<StoredAutomation[]> {
    const rows = await this.ctx.db
      .selectFrom('automations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .$if(filter.channelId !== undefined, (qb) => qb.where('channel_id', '=', filter.channelId!))
      .$if(filter.enabledOnly === true, (qb) => qb.where('enabled', '=', 1))
      .orderBy('position')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toAutomation);
  }

  /** The position after the channel's last automation, so a new one goes to the end of the list. */
  async nextPosition(channelId: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('automations')
      .select((eb) => eb.fn.max('position').as('last'))
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    return row?.last == null ? 0 : Number(row.last) + 1;
  }

  async save(automation: StoredAutomation): Promise<void> {
    const { id, workspace_id: _w, created_at: _c, ...rest } = toRow(automation);
    await this.ctx.db.updateTable('automations').set(rest).where('id', '=', id).execute();
  }

  /** Removes the automation and its run history (the thread keeps its system items). */
  async delete(id: string): Promise<void> {
    await this.ctx.db.deleteFrom('automation_runs').where('automation_id', '=', id).execute();
    await this.ctx.db.deleteFrom('automations').where('id', '=', id).execute();
  }
}

function toRow(a: StoredAutomation): Row {
  return {
    id: a.id,
    workspace_id: a.workspaceId,
    channel_id: a.channelId,
    name: a.name,
    enabled: a.enabled ? 1 : 0,
    position: a.position,
    trigger: JSON.stringify(a.trigger),
    steps: JSON.stringify(a.steps),
    stop_on_agent_action: a.stopOnAgentAction ? 1 : 0,
    cooldown_seconds: a.cooldownSeconds,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

function toAutomation(r: Row): StoredAutomation {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    name: r.name,
    enabled: Number(r.enabled) === 1,
    position: Number(r.position),
    trigger: readJson(triggerSchema, r.trigger),
    steps: stepsSchema.parse(JSON.parse(r.steps)) as AutomationStep[],
    stopOnAgentAction: Number(r.stop_on_agent_action) === 1,
    cooldownSeconds: Number(r.cooldown_seconds),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
