import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import { stopActiveRuns } from './steps/endAutomationRun';

export interface DeleteAutomationInput {
  workspaceId: string;
  actorId: string;
  automationId: string;
}

/**
 * Deletes an automation and its run history. Active runs are stopped first, so their threads say
 * why the bot went quiet; the audit log keeps the automation as it was.
 */
export async function deleteAutomation(ctx: AppContext, input: DeleteAutomationInput): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (repos) => {
    const automation = await repos.automations.get(input.workspaceId, input.automationId);
    if (!automation) throw notFound('automation_not_found', 'No such automation in this workspace.');
    await stopActiveRuns(repos, automation, 'an admin deleted the automation.', now);
    await repos.automations.delete(automation.id);
    await repos.audit.append(
      {
        workspaceId: input.workspaceId,
        actorType: 'user',
        actorId: input.actorId,
        action: 'automation.deleted',
        subjectType: 'automation',
        subjectId: automation.id,
        data: { automation: { name: automation.name, channelId: automation.channelId, trigger: automation.trigger, steps: automation.steps } },
      },
      now,
    );
    await repos.events.record(input.workspaceId, 'automation.deleted', { automationId: automation.id, channelId: automation.channelId }, now);
  });
}
