import type { AppContext } from '../../context';
import { HUMAN_AGENT_WINDOW_MS, REPLY_WINDOW_MS } from '../../domain/messaging/replyWindow';
import type { Repositories } from '../../store/store';
import { deleteMediaFilesOf } from '../media/steps/deleteMediaFilesOf';
import { DAY_MS, retentionJob } from './jobs';

/** Messages deleted per transaction, so a first sweep over years of history never holds a long lock. */
const BATCH = 500;

export interface RetentionOutcome {
  outcome: 'off' | 'applied';
  deleted: number;
  cutoff: number | null;
}

/**
 * The workspace's "Delete messages older than" setting, applied once a day by the worker: every
 * customer and business message sent before the cutoff is deleted, in batches, except a
 * conversation's newest message while an agent can still reply there. The sweep is recorded in the audit
 * trail, and the next day's sweep is queued while the setting stays on (turning it off ends the chain).
 */
export async function applyMessageRetention(ctx: AppContext, input: { workspaceId: string; day: number }): Promise<RetentionOutcome> {
  const now = ctx.clock.now();
  const workspace = await ctx.store.repos.workspaces.get(input.workspaceId);
  const days = workspace?.settings.messageRetentionDays ?? null;
  if (!workspace || days === null) return { outcome: 'off', deleted: 0, cutoff: null };

  const cutoff = now - days * DAY_MS;
  // The agent's window: Instagram lets a person reply for 7 days (human agent tag), WhatsApp for 24 hours.
  const windowOpenSince = { instagram: now - HUMAN_AGENT_WINDOW_MS, whatsapp: now - REPLY_WINDOW_MS };
  let deleted = 0;
  for (;;) {
    const batch = await ctx.store.transaction(async (repos) => {
      const messageIds = await repos.retention.messagesBefore({ workspaceId: workspace.id, cutoff, windowOpenSince, limit: BATCH });
      // The files' rows go first (they point at the messages), the bytes by a job after commit.
      await deleteMediaFilesOf(repos, messageIds, now);
      await repos.retention.deleteMessages(messageIds);
      return messageIds.length;
    });
    deleted += batch;
    if (batch < BATCH) break;
  }

  await ctx.store.transaction(async (repos) => {
    const previewsCleared = await repos.retention.clearPreviewsBefore(workspace.id, cutoff);
    await repos.audit.append(
      {
        workspaceId: workspace.id,
        actorType: 'system',
        actorId: null,
        action: 'messages.retention_applied',
        subjectType: 'workspace',
        subjectId: workspace.id,
        data: { days, cutoff, deleted, previewsCleared },
      },
      now,
    );
    await repos.jobs.enqueue(retentionJob(workspace.id, input.day + 1), now);
  });
  return { outcome: 'applied', deleted, cutoff };
}

/** Turning retention on queues today's sweep and tomorrow's (today's may have run already). */
export async function scheduleMessageRetention(repos: Repositories, workspaceId: string, now: number): Promise<void> {
  const today = Math.floor(now / DAY_MS);
  await repos.jobs.enqueue({ ...retentionJob(workspaceId, today), runAt: now }, now);
  await repos.jobs.enqueue(retentionJob(workspaceId, today + 1), now);
}
