import type { AppContext } from '../context';
import { automationJobHandlers } from './automationHandlers';
import { mediaJobHandlers } from './mediaHandlers';
import { mergeJobHandlers } from './mergeHandlers';
import { messagingJobHandlers } from './messagingHandlers';
import { templateJobHandlers } from './templateHandlers';
import { retentionJobHandlers } from './retentionHandlers';
import type { JobHandlers } from './worker';

/** Every job kind and its handler. Add new kinds here. */
export function createJobHandlers(ctx: AppContext): JobHandlers {
  return {
    ...automationJobHandlers(ctx),
    ...messagingJobHandlers(ctx),
    ...mergeJobHandlers(ctx),
    ...templateJobHandlers(ctx),
    ...mediaJobHandlers(ctx),
    ...retentionJobHandlers(ctx),
  };
}
