import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import type { MediaFile } from '../../store/repositories/mediaFiles';

export interface GetMediaFileInput {
  workspaceId: string;
  mediaFileId: string;
}

/**
 * A stored file and its bytes, for an agent of the file's own workspace. A file of another
 * workspace answers exactly like one that does not exist, so ids reveal nothing.
 */
export async function getMediaFile(ctx: AppContext, input: GetMediaFileInput): Promise<{ file: MediaFile; bytes: Uint8Array; contentType: string }> {
  const file = await ctx.store.repos.mediaFiles.get(input.workspaceId, input.mediaFileId);
  if (!file) throw new AppError('media_not_found', 404, 'There is no such file.');
  if (file.state !== 'stored' || !file.storageKey) {
    throw new AppError('media_not_available', 404, file.state === 'failed' ? `This file is not available: ${file.failure ?? 'the download failed'}.` : 'This file is still being downloaded.');
  }
  const stored = await ctx.media.get(file.storageKey);
  if (!stored) throw new AppError('media_not_available', 404, 'This file is missing from media storage.');
  return { file, bytes: stored.bytes, contentType: file.contentType ?? stored.contentType };
}
