import { type ChannelSettings, channelSettingsSchema } from '../../domain/workspace/settings';
import { readJson } from '../json';
import type { ChannelKind } from '../schema';
import type { RepositoryContext } from './context';

export interface Channel {
  id: string;
  workspaceId: string;
  kind: ChannelKind;
  name: string;
  externalId: string;
  settings: ChannelSettings;
  createdAt: number;
}

export class ChannelsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(
    input: { id: string; workspaceId: string; kind: ChannelKind; name: string; externalId: string; settings?: Partial<ChannelSettings> },
    now: number,
  ): Promise<Channel> {
    const settings = channelSettingsSchema.parse(input.settings ?? {});
    await this.ctx.db
      .insertInto('channels')
      .values({
        id: input.id,
        workspace_id: input.workspaceId,
        kind: input.kind,
        name: input.name,
        external_id: input.externalId,
        settings: JSON.stringify(settings),
        created_at: now,
      })
      .execute();
    return { ...input, settings, createdAt: now };
  }

  async get(workspaceId: string, id: string): Promise<Channel | undefined> {
    const row = await this.ctx.db
      .selectFrom('channels')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toChannel(row);
  }

  /** Webhook routing: Meta names the account (IG account id, WhatsApp phone number id), not the workspace. */
  async findByExternalId(kind: ChannelKind, externalId: string): Promise<Channel | undefined> {
    const row = await this.ctx.db
      .selectFrom('channels')
      .selectAll()
      .where('kind', '=', kind)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    return row && toChannel(row);
  }

  async list(workspaceId: string): Promise<Channel[]> {
    const rows = await this.ctx.db
      .selectFrom('channels')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .execute();
    return rows.map(toChannel);
  }

  async findByKind(workspaceId: string, kind: ChannelKind): Promise<Channel | undefined> {
    const row = await this.ctx.db
      .selectFrom('channels')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', kind)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    return row && toChannel(row);
  }

  async updateSettings(id: string, settings: ChannelSettings): Promise<void> {
    await this.ctx.db.updateTable('channels').set({ settings: JSON.stringify(settings) }).where('id', '=', id).execute();
  }
}

function toChannel(row: {
  id: string; workspace_id: string; kind: ChannelKind; name: string; external_id: string; settings: string; created_at: number;
}): Channel {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind,
    name: row.name,
    externalId: row.external_id,
    settings: readJson(channelSettingsSchema, row.settings),
    createdAt: row.created_at,
  };
}
