import type { Repositories } from '../../../store/store';
import { purgeMediaFilesJob } from '../jobs';

/**
 * Inside the caller's transaction (an erasure, a retention sweep), before the messages go: their
 * file rows are deleted and the files' storage keys queued, with a job that removes the bytes once
 * the transaction commits. Bytes cannot be deleted inside a transaction that may still roll back.
 */
export async function deleteMediaFilesOf(repos: Repositories, messageIds: string[], now: number): Promise<number> {
  const queued = await repos.mediaFiles.removeForMessages(messageIds, now);
  if (queued > 0) await repos.jobs.enqueue(purgeMediaFilesJob.of({}, { maxAttempts: 20 }), now);
  return queued;
}
