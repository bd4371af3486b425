import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import type { StoredAutomation } from '../../store/repositories/automations';
import type { ChannelKind } from '../../store/schema';

/** An automation with the kind of the channel it answers on, as the settings pages show it. */
export interface AutomationOnChannel {
  automation: StoredAutomation;
  channelKind: ChannelKind | undefined;
}

export async function getAutomation(ctx: AppContext, input: { workspaceId: string; automationId: string }): Promise<AutomationOnChannel> {
  const { repos } = ctx.store;
  const automation = await repos.automations.get(input.workspaceId, input.automationId);
  if (!automation) throw notFound('automation_not_found', 'No such automation in this workspace.');
  const channel = await repos.channels.get(input.workspaceId, automation.channelId);
  return { automation, channelKind: channel?.kind };
}
