import type { MediaFileState, MediaFileTable } from '../schema';
import type { RepositoryContext } from './context';

/** A message's file: what it is, where its bytes are kept, and whether Braid could fetch it. */
export interface MediaFile {
  id: string;
  workspaceId: string;
  messageId: string;
  position: number;
  channelId: string;
  kind: string;
  source: string | null;
  state: MediaFileState;
  contentType: string | null;
  size: number | null;
  filename: string | null;
  storageKey: string | null;
  failure: string | null;
  createdAt: number;
  updatedAt: number;
}

const CHUNK = 500;

export class MediaFilesRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /** One row per attachment: a redelivered message finds its rows there already and adds none. */
  async insertIfNew(file: MediaFile): Promise<boolean> {
    const result = await this.ctx.db
      .insertInto('media_files')
      .values(toRow(file))
      .onConflict((oc) => oc.columns(['message_id', 'position']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async get(workspaceId: string, id: string): Promise<MediaFile | undefined> {
    const row = await this.ctx.db.selectFrom('media_files').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row && toMediaFile(row);
  }

  /** For jobs, whose payload names the row but not its workspace. */
  async findById(id: string): Promise<MediaFile | undefined> {
    const row = await this.ctx.db.selectFrom('media_files').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toMediaFile(row);
  }

  async forMessages(messageIds: string[]): Promise<MediaFile[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.ctx.db.selectFrom('media_files').selectAll().where('message_id', 'in', messageIds).orderBy('message_id').orderBy('position').execute();
    return rows.map(toMediaFile);
  }

  /**
   * Deletes the file rows of these messages (before the messages themselves) and queues the
   * storage keys of their bytes for the worker; returns how many keys were queued.
   */
  async removeForMessages(messageIds: string[], now: number): Promise<number> {
    let queued = 0;
    for (let i = 0; i < messageIds.length; i += CHUNK) {
      const part = messageIds.slice(i, i + CHUNK);
      const rows = await this.ctx.db.selectFrom('media_files').select(['id', 'workspace_id', 'storage_key']).where('message_id', 'in', part).execute();
      const keys = rows.filter((r) => r.storage_key !== null).map((r) => ({ storage_key: r.storage_key!, workspace_id: r.workspace_id, created_at: now }));
      if (keys.length) await this.ctx.db.insertInto('media_deletions').values(keys).onConflict((oc) => oc.column('storage_key').doNothing()).execute();
      if (rows.length) await this.ctx.db.deleteFrom('media_files').where('id', 'in', rows.map((r) => r.id)).execute();
      queued += keys.length;
    }
    return queued;
  }

  /** Storage keys still to be removed, oldest first. */
  async pendingDeletions(limit: number): Promise<string[]> {
    const rows = await this.ctx.db.selectFrom('media_deletions').select('storage_key').orderBy('created_at').orderBy('storage_key').limit(limit).execute();
    return rows.map((r) => r.storage_key);
  }

  /** The bytes under these keys are gone from storage. */
  async deletionsDone(keys: string[]): Promise<void> {
    if (keys.length) await this.ctx.db.deleteFrom('media_deletions').where('storage_key', 'in', keys).execute();
  }

  /** Says whether the row was still there: a file erased during its download is not recorded. */
  async markStored(id: string, stored: { storageKey: string; contentType: string; size: number; filename?: string | null }, now: number): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('media_files')
      .set({
        state: 'stored',
        storage_key: stored.storageKey,
        content_type: stored.contentType,
        size: stored.size,
        ...(stored.filename !== undefined ? { filename: stored.filename } : {}),
        failure: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markFailed(id: string, failure: string, now: number): Promise<void> {
    await this.ctx.db.updateTable('media_files').set({ state: 'failed', failure, updated_at: now }).where('id', '=', id).where('state', '!=', 'stored').execute();
  }

  /** A failed file goes back to pending for another download; says whether it was failed. */
  async reopenFailed(id: string, now: number): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('media_files')
      .set({ state: 'pending', failure: null, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'failed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function toRow(f: MediaFile): MediaFileTable {
  return {
    id: f.id,
    workspace_id: f.workspaceId,
    message_id: f.messageId,
    position: f.position,
    channel_id: f.channelId,
    kind: f.kind,
    source: f.source,
    state: f.state,
    content_type: f.contentType,
    size: f.size,
    filename: f.filename,
    storage_key: f.storageKey,
    failure: f.failure,
    created_at: f.createdAt,
    updated_at: f.updatedAt,
  };
}

function toMediaFile(r: MediaFileTable): MediaFile {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    messageId: r.message_id,
    position: Number(r.position),
    channelId: r.channel_id,
    kind: r.kind,
    source: r.source,
    state: r.state,
    contentType: r.content_type,
    size: r.size === null ? null : Number(r.size),
    filename: r.filename,
    storageKey: r.storage_key,
    failure: r.failure,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
