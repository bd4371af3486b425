import { z } from 'zod';
import { defineJobKind } from '../jobKind';

/**
 * Download one file of a received message into media storage. Key: media.download:<fileId>:<t>
 * (t: when the message arrived); an agent's retry queues a job of its own key.
 */
export const downloadMediaJob = defineJobKind('media.download', z.object({ mediaFileId: z.string().min(1) }));
