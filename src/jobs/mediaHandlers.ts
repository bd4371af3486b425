import type { AppContext } from '../context';
import { downloadMediaFile } from '../usecases/media/downloadMediaFile';
import { downloadMediaJob } from '../usecases/media/jobs';
import { handle } from './handle';
import type { JobHandlers } from './worker';

/** The media jobs: downloading received files before Meta's URLs expire. */
export function mediaJobHandlers(ctx: AppContext): JobHandlers {
  return {
    ...handle(downloadMediaJob, async (payload, job) => {
      await downloadMediaFile(ctx, { mediaFileId: payload.mediaFileId, lastAttempt: job.attempts >= job.maxAttempts });
    }),
  };
}
