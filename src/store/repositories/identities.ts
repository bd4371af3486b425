import type { IdentitySnapshot } from '../../domain/contactMerge/mergePlan';
import type { ChannelKind } from '../schema';
import type { RepositoryContext } from './context';

/** One customer account on one channel: an Instagram IGSID, or a WhatsApp user (BSUID and/or phone). */
export interface Identity extends IdentitySnapshot {
  workspaceId: string;
  profileFetchedAt: number | null;
  createdAt: number;
}

export class IdentitiesRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async create(identity: Omit<Identity, 'profileFetchedAt' | 'createdAt'>, now: number): Promise<Identity> {
    await this.ctx.db
      .insertInto('identities')
      .values({
        id: identity.id,
        workspace_id: identity.workspaceId,
        contact_id: identity.contactId,
        channel_id: identity.channelId,
        kind: identity.kind,
        external_id: identity.externalId,
        phone: identity.phone,
        username: identity.username,
        display_name: identity.displayName,
        created_at: now,
      })
      .execute();
    return { ...identity, profileFetchedAt: null, createdAt: now };
  }

  async get(workspaceId: string, id: string): Promise<Identity | undefined> {
    const row = await this.ctx.db.selectFrom('identities').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row && toIdentity(row);
  }

  /** For jobs, whose payload names the row but not its workspace. */
  async findById(id: string): Promise<Identity | undefined> {
    const row = await this.ctx.db.selectFrom('identities').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toIdentity(row);
  }

  async findByExternalId(channelId: string, externalId: string): Promise<Identity | undefined> {
    const row = await this.ctx.db.selectFrom('identities').selectAll().where('channel_id', '=', channelId).where('external_id', '=', externalId).executeTakeFirst();
    return row && toIdentity(row);
  }

  async findByPhone(channelId: string, phone: string): Promise<Identity | undefined> {
    const row = await this.ctx.db.selectFrom('identities').selectAll().where('channel_id', '=', channelId).where('phone', '=', phone).executeTakeFirst();
    return row && toIdentity(row);
  }

  async forContacts(contactIds: string[]): Promise<Identity[]> {
    if (contactIds.length === 0) return [];
    const rows = await this.ctx.db.selectFrom('identities').selectAll().where('contact_id', 'in', contactIds).orderBy('created_at').execute();
    return rows.map(toIdentity);
  }

  async update(
    id: string,
    patch: Partial<Pick<Identity, 'externalId' | 'phone' | 'username' | 'displayName' | 'profileFetchedAt'>>,
  ): Promise<void> {
    await this.ctx.db
      .updateTable('identities')
      .set({
        ...(patch.externalId !== undefined && { external_id: patch.externalId }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
        ...(patch.username !== undefined && { username: patch.username }),
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.profileFetchedAt !== undefined && { profile_fetched_at: patch.profileFetchedAt }),
      })
      .where('id', '=', id)
      .execute();
  }

  /** A merge moves identities (a handful of rows), never messages: this is the whole cost of it. */
  async repoint(identityIds: string[], contactId: string): Promise<number> {
    if (identityIds.length === 0) return 0;
    const result = await this.ctx.db.updateTable('identities').set({ contact_id: contactId }).where('id', 'in', identityIds).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}

function toIdentity(r: {
  id: string; workspace_id: string; contact_id: string; channel_id: string; kind: ChannelKind; external_id: string | null;
  phone: string | null; username: string | null; display_name: string | null; profile_fetched_at: number | null; created_at: number;
}): Identity {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    contactId: r.contact_id,
    channelId: r.channel_id,
    kind: r.kind,
    externalId: r.external_id,
    phone: r.phone,
    username: r.username,
    displayName: r.display_name,
    profileFetchedAt: r.profile_fetched_at,
    createdAt: r.created_at,
  };
}
