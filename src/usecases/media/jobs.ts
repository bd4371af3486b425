import { z } from 'zod';
import { defineJobKind } from '../jobKind';

/**
 * Download one file of a received message into media storage. Key: media.download:<fileId>:<t>
 * (t: when the message arrived); an agent's retry queues a job of its own key.
 */
export const downloadMediaJob = defineJobKind('media.download', z.object({ mediaFileId: z.string().min(1) }));

/**
 * Remove from storage the files whose rows an erasure or a retention sweep deleted (the keys wait
 * in media_deletions). Any run removes every key left, including those of an interrupted run.
 */
export const purgeMediaFilesJob = defineJobKind('media.purge', z.object({}));
