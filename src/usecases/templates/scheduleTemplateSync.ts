import type { AppContext } from '../../context';
import { syncTemplatesJobAt, TEMPLATE_SYNC_INTERVAL_MS } from './jobs';
import { syncWhatsAppTemplates } from './syncWhatsAppTemplates';

/** At start (and when a WhatsApp channel is connected): read every WhatsApp channel's templates now. */
export async function scheduleTemplateSync(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (repos) => {
    const workspace = await repos.workspaces.first();
    const channel = workspace && (await repos.channels.findByKind(workspace.id, 'whatsapp'));
    if (channel) await repos.jobs.enqueue(syncTemplatesJobAt({ workspaceId: channel.workspaceId, channelId: channel.id }, now), now);
  });
}

/**
 * The scheduled read: the next one is queued first, so a Meta outage (which fails this run after
 * its retries) never ends the schedule.
 */
export async function runScheduledTemplateSync(ctx: AppContext, input: { workspaceId: string; channelId: string }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction((repos) => repos.jobs.enqueue(syncTemplatesJobAt(input, now + TEMPLATE_SYNC_INTERVAL_MS), now));
  await syncWhatsAppTemplates(ctx, input);
}
