import type { AppContext, GraphClients } from '../../context';
import { FileTooLargeError, GraphApiError, type DownloadedFile } from '../../channels/meta/graphApi';
import { formatSize, isMediaKind, mediaSizeLimit } from '../../domain/messaging/media';
import type { MediaFile } from '../../store/repositories/mediaFiles';
import type { Repositories } from '../../store/store';
import { graphForChannel } from '../channels/steps/channelAccess';

export interface DownloadMediaInput {
  mediaFileId: string;
  /** The job's last try: a failure that could pass later is then recorded as the reason. */
  lastAttempt: boolean;
}

export type DownloadOutcome = 'stored' | 'failed' | 'skipped';

/**
 * Fetches a received file from Meta into media storage. WhatsApp: `GET /<media-id>` with the
 * channel's token gives a 5-minute URL, downloaded with the same token (on 404, one fresh URL).
 * Instagram: the CDN URL from the webhook, before it expires. The file's size is checked against
 * Meta's limit for its kind before and while it is read.
 *
 * A failure that cannot pass by waiting (too large, expired, refused) marks the file failed with
 * the reason at once; a transient one is thrown for the job to retry, and recorded on the last try.
 */
export async function downloadMediaFile(ctx: AppContext, input: DownloadMediaInput): Promise<DownloadOutcome> {
  const file = await ctx.store.repos.mediaFiles.findById(input.mediaFileId);
  if (!file || file.state !== 'pending' || !file.source || !isMediaKind(file.kind)) return 'skipped';
  const channel = await ctx.store.repos.channels.get(file.workspaceId, file.channelId);
  if (!channel) return fail(ctx, file, 'the channel this file came from is no longer connected');
  const limit = mediaSizeLimit(channel.kind, file.kind);

  let downloaded: DownloadedFile;
  try {
    // The file is fetched with the token of the account it came to.
    const graph = graphForChannel(ctx, channel);
    downloaded = channel.kind === 'whatsapp' ? await fromWhatsApp(graph, file.source, limit) : await graph.instagram.downloadAttachment(file.source, limit);
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      return fail(ctx, file, `${kindName(file.kind)} is larger than Meta's limit of ${formatSize(limit)} for ${channel.kind === 'whatsapp' ? 'WhatsApp' : 'Instagram'}`);
    }
    const transient = !(error instanceof GraphApiError) || error.transient;
    if (!transient || input.lastAttempt) return fail(ctx, file, reasonOf(error));
    throw error;
  }

  const contentType = file.contentType ?? downloaded.contentType;
  const storageKey = `${file.workspaceId}/${file.id}`;
  await ctx.media.put(storageKey, downloaded.bytes, contentType);
  const now = ctx.clock.now();
  const kept = await ctx.store.transaction(async (trx) => {
    if (!(await trx.mediaFiles.markStored(file.id, { storageKey, contentType, size: downloaded.bytes.byteLength }, now))) return false;
    await recordChange(trx, file, now);
    return true;
  });
  // The message was erased (or deleted by retention) while its file was downloading.
  if (!kept) await ctx.media.delete(storageKey);
  return kept ? 'stored' : 'skipped';
}

async function fromWhatsApp(graph: GraphClients, mediaId: string, limit: number): Promise<DownloadedFile> {
  const info = await graph.whatsapp.getMedia(mediaId);
  if (info.fileSize !== undefined && info.fileSize > limit) throw new FileTooLargeError(limit, info.fileSize);
  try {
    return await graph.whatsapp.downloadMedia(info.url, limit);
  } catch (error) {
    // The URL lives 5 minutes; Meta's advice on 404 is to ask for a fresh one.
    if (!(error instanceof GraphApiError) || error.httpStatus !== 404) throw error;
    return graph.whatsapp.downloadMedia((await graph.whatsapp.getMedia(mediaId)).url, limit);
  }
}

async function fail(ctx: AppContext, file: MediaFile, reason: string): Promise<DownloadOutcome> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (trx) => {
    await trx.mediaFiles.markFailed(file.id, reason, now);
    await recordChange(trx, file, now);
  });
  return 'failed';
}

async function recordChange(trx: Repositories, file: MediaFile, now: number): Promise<void> {
  const message = await trx.messages.findById(file.messageId);
  if (message) await trx.events.record(file.workspaceId, 'message.updated', { conversationId: message.conversationId, messageId: message.id }, now);
}

function reasonOf(error: unknown): string {
  if (error instanceof GraphApiError) {
    if (error.httpStatus === 401 || error.code === 190) return "Meta refused the channel's access token";
    if (error.httpStatus === 403 || error.httpStatus === 404 || error.httpStatus === 410) return 'the file has expired on Meta, or was deleted';
    if (error.code === 100) return 'Meta no longer has this file (media ids from webhooks last 7 days)';
    return `Meta did not give the file: ${error.message}`;
  }
  return `the download failed: ${error instanceof Error ? error.message : String(error)}`;
}

function kindName(kind: string): string {
  return { image: 'the image', audio: 'the audio', video: 'the video', file: 'the document', sticker: 'the sticker' }[kind] ?? 'the file';
}
