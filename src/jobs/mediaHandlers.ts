import type { AppContext } from '../context';
import { downloadMediaFile } from '../usecases/media/downloadMediaFile';
import { downloadMediaJob, purgeMediaFilesJob } from '../usecases/media/jobs';
import { purgeMediaFiles } from '../usecases/media/purgeMediaFiles';
import { handle } from './handle';
import type { JobHandlers } from './worker';

/** The media jobs: downloading received files before Meta's URLs expire, removing erased ones. */
export function mediaJobHandlers(ctx: AppContext): JobHandlers {
  return {
    ...handle(downloadMediaJob, async (payload, job) => {
      await downloadMediaFile(ctx, { mediaFileId: payload.mediaFileId, lastAttempt: job.attempts >= job.maxAttempts });
    }),
    ...handle(purgeMediaFilesJob, async () => {
      const { deleted } = await purgeMediaFiles(ctx);
      if (deleted > 0) ctx.logger.info({ deleted }, 'media files removed');
    }),
  };
}
