import type { Selectable } from 'kysely';
import { z } from 'zod';
import { type ChannelSettings, channelSettingsSchema } from '../../domain/workspace/settings';
import { readJson } from '../json';
import type { ChannelKind, ChannelSource, ChannelStatus, ChannelTable } from '../schema';
import type { RepositoryContext } from './context';

export interface Channel {
  id: string;
  workspaceId: string;
  kind: ChannelKind;
  name: string;
  externalId: string;
  settings: ChannelSettings;
  createdAt: number;
  /** 'environment': its secrets are the environment variables', never stored in the database. */
  source: ChannelSource;
  status: ChannelStatus;
  statusReason: string | null;
  details: ChannelDetails;
  lastWebhookAt: number | null;
  disconnectedAt: number | null;
  /** Last 4 characters of the stored token and app secret, for the list. */
  tokenHint: string | null;
  secretHint: string | null;
  /** The stored secrets, sealed; null for a channel whose secrets come from the environment. */
  sealed: SealedCredentials | null;
}

export interface SealedCredentials {
  accessToken: string;
  appSecret: string;
}

/** What Meta reports about the account, and the ids a WhatsApp number needs besides its own. */
export interface ChannelDetails {
  username?: string;
  verifiedName?: string;
  displayPhoneNumber?: string;
  businessAccountId?: string;
}

export interface StoredCredentials {
  sealed: SealedCredentials;
  tokenHint: string;
  secretHint: string;
}

export class ChannelsRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(
    input: {
      id: string;
      workspaceId: string;
      kind: ChannelKind;
      name: string;
      externalId: string;
      settings?: Partial<ChannelSettings>;
      source?: ChannelSource;
      details?: ChannelDetails;
      credentials?: StoredCredentials;
    },
    now: number,
  ): Promise<Channel> {
    const settings = channelSettingsSchema.parse(input.settings ?? {});
    const source = input.source ?? 'environment';
    const details = input.details ?? {};
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
        source,
        details: JSON.stringify(details),
        access_token_sealed: input.credentials?.sealed.accessToken ?? null,
        app_secret_sealed: input.credentials?.sealed.appSecret ?? null,
        token_hint: input.credentials?.tokenHint ?? null,
        secret_hint: input.credentials?.secretHint ?? null,
      })
      .execute();
    return {
      id: input.id,
      workspaceId: input.workspaceId,
      kind: input.kind,
      name: input.name,
      externalId: input.externalId,
      settings,
      createdAt: now,
      source,
      status: 'connected',
      statusReason: null,
      details,
      lastWebhookAt: null,
      disconnectedAt: null,
      tokenHint: input.credentials?.tokenHint ?? null,
      secretHint: input.credentials?.secretHint ?? null,
      sealed: input.credentials?.sealed ?? null,
    };
  }

  /** A channel connected again (or its environment values changed): new secrets and details, healthy, receiving. */
  async reconnect(
    id: string,
    input: { name: string; source: ChannelSource; details: ChannelDetails; credentials: StoredCredentials | null },
  ): Promise<void> {
    await this.ctx.db
      .updateTable('channels')
      .set({
        name: input.name,
        source: input.source,
        details: JSON.stringify(input.details),
        access_token_sealed: input.credentials?.sealed.accessToken ?? null,
        app_secret_sealed: input.credentials?.sealed.appSecret ?? null,
        token_hint: input.credentials?.tokenHint ?? null,
        secret_hint: input.credentials?.secretHint ?? null,
        status: 'connected',
        status_reason: null,
        disconnected_at: null,
      })
      .where('id', '=', id)
      .execute();
  }

  async replaceToken(id: string, sealedToken: string, tokenHint: string): Promise<void> {
    await this.ctx.db
      .updateTable('channels')
      .set({ access_token_sealed: sealedToken, token_hint: tokenHint, status: 'connected', status_reason: null })
      .where('id', '=', id)
      .execute();
  }

  async setStatus(id: string, status: ChannelStatus, reason: string | null): Promise<void> {
    await this.ctx.db.updateTable('channels').set({ status, status_reason: reason }).where('id', '=', id).execute();
  }

  async updateName(id: string, name: string, details: ChannelDetails): Promise<void> {
    await this.ctx.db.updateTable('channels').set({ name, details: JSON.stringify(details) }).where('id', '=', id).execute();
  }

  /** Stops receiving and sending; the rows that point at the channel (history, contacts) stay. */
  async disconnect(id: string, now: number): Promise<void> {
    await this.ctx.db
      .updateTable('channels')
      .set({ disconnected_at: now, access_token_sealed: null, app_secret_sealed: null, token_hint: null, secret_hint: null })
      .where('id', '=', id)
      .execute();
  }

  async noteWebhook(ids: string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.ctx.db.updateTable('channels').set({ last_webhook_at: now }).where('id', 'in', ids).execute();
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

  /**
   * Webhook routing: Meta names the account (IG account id, WhatsApp phone number id), not the
   * workspace. A disconnected channel is not found: it receives nothing.
   */
  async findByExternalId(kind: ChannelKind, externalId: string): Promise<Channel | undefined> {
    const row = await this.ctx.db
      .selectFrom('channels')
      .selectAll()
      .where('kind', '=', kind)
      .where('external_id', '=', externalId)
      .where('disconnected_at', 'is', null)
      .executeTakeFirst();
    return row && toChannel(row);
  }

  /** The row of an account whether connected or not, so connecting it again keeps its history. */
  async findAnyByExternalId(kind: ChannelKind, externalId: string): Promise<Channel | undefined> {
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

const detailsSchema = z.object({
  username: z.string().optional(),
  verifiedName: z.string().optional(),
  displayPhoneNumber: z.string().optional(),
  businessAccountId: z.string().optional(),
});

function toChannel(row: Selectable<ChannelTable>): Channel {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind,
    name: row.name,
    externalId: row.external_id,
    settings: readJson(channelSettingsSchema, row.settings),
    createdAt: Number(row.created_at),
    source: row.source,
    status: row.status,
    statusReason: row.status_reason,
    details: readJson(detailsSchema, row.details),
    lastWebhookAt: row.last_webhook_at === null ? null : Number(row.last_webhook_at),
    disconnectedAt: row.disconnected_at === null ? null : Number(row.disconnected_at),
    tokenHint: row.token_hint,
    secretHint: row.secret_hint,
    sealed: row.access_token_sealed && row.app_secret_sealed ? { accessToken: row.access_token_sealed, appSecret: row.app_secret_sealed } : null,
  };
}
