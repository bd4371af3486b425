import { z } from 'zod';
import { defineJobKind } from '../jobKind';

/**
 * The daily "Delete messages older than" sweep of one workspace. Key:
 * `retention:<workspaceId>:<day>` (days since the epoch, UTC), so one sweep runs per day.
 */
export const applyMessageRetentionJob = defineJobKind('messages.retention', z.object({ workspaceId: z.string().min(1), day: z.number().int() }));

export const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionJob(workspaceId: string, day: number) {
  return applyMessageRetentionJob.of({ workspaceId, day }, { key: `retention:${workspaceId}:${day}`, runAt: day * DAY_MS });
}
