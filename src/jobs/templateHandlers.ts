import type { AppContext } from '../context';
import { syncTemplatesJob } from '../usecases/templates/jobs';
import { runScheduledTemplateSync } from '../usecases/templates/scheduleTemplateSync';
import { handle } from './handle';
import type { JobHandlers } from './worker';

/** Reading the WhatsApp message templates from Meta, on start and every few hours. */
export function templateJobHandlers(ctx: AppContext): JobHandlers {
  return {
    ...handle(syncTemplatesJob, async (payload) => {
      await runScheduledTemplateSync(ctx, payload);
    }),
  };
}
