import type { Attachment } from '../../../channels/events';
import { isMediaKind } from '../../../domain/messaging/media';
import { newId } from '../../../domain/shared/ids';
import type { Repositories } from '../../../store/store';
import type { Message } from '../../../store/repositories/messages';
import { downloadMediaJob } from '../jobs';

/**
 * Inside the ingest's transaction: one pending file row per downloadable attachment of a new
 * message, and its download job. WhatsApp names a file by media id (fetched with the channel's
 * token), Instagram by a CDN URL that expires within days, so both are fetched right away.
 */
export async function registerInboundMedia(repos: Repositories, message: Message, attachments: Attachment[], now: number): Promise<void> {
  for (const [position, attachment] of attachments.entries()) {
    if (!isMediaKind(attachment.type)) continue;
    const source = message.kind === 'whatsapp' ? attachment.mediaId : attachment.url;
    // Only a web URL can be Instagram's CDN: anything else (javascript:, data:, file:) is never
    // fetched, and the thread shows the attachment as text.
    if (!source || (message.kind === 'instagram' && !isWebUrl(source))) continue;
    const id = newId();
    const inserted = await repos.mediaFiles.insertIfNew({
      id,
      workspaceId: message.workspaceId,
      messageId: message.id,
      position,
      channelId: message.channelId,
      kind: attachment.type,
      source,
      state: 'pending',
      contentType: attachment.mimeType?.split(';')[0].trim().toLowerCase() ?? null,
      size: null,
      filename: attachment.filename ?? null,
      storageKey: null,
      failure: null,
      createdAt: now,
      updatedAt: now,
    });
    if (inserted) await repos.jobs.enqueue(downloadMediaJob.of({ mediaFileId: id }, { key: `media.download:${id}:${now}`, maxAttempts: 5 }), now);
  }
}

function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
