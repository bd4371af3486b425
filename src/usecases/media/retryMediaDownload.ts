import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import { newId } from '../../domain/shared/ids';
import { downloadMediaJob } from './jobs';

export interface RetryMediaDownloadInput {
  workspaceId: string;
  mediaFileId: string;
}

/**
 * An agent asks for a failed download again (Meta was down, the token was renewed since). Only a
 * failed file can be retried; the download runs as a job, like the first one.
 */
export async function retryMediaDownload(ctx: AppContext, input: RetryMediaDownloadInput): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (repos) => {
    const file = await repos.mediaFiles.get(input.workspaceId, input.mediaFileId);
    if (!file) throw new AppError('media_not_found', 404, 'There is no such file.');
    if (!file.source) throw new AppError('media_not_retryable', 409, 'This file was sent from Braid; there is nothing to download.');
    if (!(await repos.mediaFiles.reopenFailed(file.id, now))) {
      throw new AppError('media_not_failed', 409, file.state === 'stored' ? 'This file is already available.' : 'This file is already being downloaded.');
    }
    // Only a failed file reopens, once: the key needs to differ from the first download's only.
    await repos.jobs.enqueue(downloadMediaJob.of({ mediaFileId: file.id }, { key: `media.download:${file.id}:retry-${newId()}`, maxAttempts: 5 }), now);
    const message = await repos.messages.findById(file.messageId);
    if (message) await repos.events.record(file.workspaceId, 'message.updated', { conversationId: message.conversationId, messageId: message.id }, now);
  });
}
