import type { AppContext } from '../context';
import { applyMessageRetention } from '../usecases/retention/applyMessageRetention';
import { applyMessageRetentionJob } from '../usecases/retention/jobs';
import { handle } from './handle';
import type { JobHandlers } from './worker';

/** The daily "Delete messages older than" sweep of a workspace. */
export function retentionJobHandlers(ctx: AppContext): JobHandlers {
  return {
    ...handle(applyMessageRetentionJob, async (payload) => {
      const result = await applyMessageRetention(ctx, payload);
      if (result.outcome === 'applied') ctx.logger.info({ workspaceId: payload.workspaceId, ...result }, 'message retention applied');
    }),
  };
}
