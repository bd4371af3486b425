import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type MessageTemplate, templateComponentSchema } from '../../domain/messaging/templates';
import type { WhatsAppTemplateTable } from '../schema';
import type { RepositoryContext } from './context';

export interface StoredTemplate extends MessageTemplate {
  id: string;
  channelId: string;
  syncedAt: number;
}

const components = z.array(templateComponentSchema);

export class WhatsAppTemplatesRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /** The channel's templates become exactly `templates` (Meta's list is the truth). */
  async replaceForChannel(workspaceId: string, channelId: string, templates: MessageTemplate[], now: number): Promise<void> {
    await this.ctx.db.deleteFrom('whatsapp_templates').where('workspace_id', '=', workspaceId).where('channel_id', '=', channelId).execute();
    if (templates.length === 0) return;
    await this.ctx.db
      .insertInto('whatsapp_templates')
      .values(
        templates.map((t) => ({
          id: randomUUID(),
          workspace_id: workspaceId,
          channel_id: channelId,
          name: t.name,
          language: t.language,
          category: t.category,
          status: t.status,
          components: JSON.stringify(t.components),
          synced_at: now,
        })),
      )
      .execute();
  }

  async listForChannel(workspaceId: string, channelId: string): Promise<StoredTemplate[]> {
    const rows = await this.ctx.db
      .selectFrom('whatsapp_templates')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('channel_id', '=', channelId)
      .orderBy('name')
      .orderBy('language')
      .execute();
    return rows.map(toTemplate);
  }

  async find(workspaceId: string, channelId: string, name: string, language: string): Promise<StoredTemplate | undefined> {
    const row = await this.ctx.db
      .selectFrom('whatsapp_templates')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('channel_id', '=', channelId)
      .where('name', '=', name)
      .where('language', '=', language)
      .executeTakeFirst();
    return row && toTemplate(row);
  }
}

function toTemplate(row: WhatsAppTemplateTable): StoredTemplate {
  return {
    id: row.id,
    channelId: row.channel_id,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    components: components.parse(JSON.parse(row.components)),
    syncedAt: Number(row.synced_at),
  };
}
