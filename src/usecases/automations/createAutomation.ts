import type { AppContext } from '../../context';
import { parseAutomation } from '../../domain/automations/automationSteps';
import type { ChannelKind } from '../../store/schema';
import type { AutomationOnChannel } from './getAutomation';
import { addAutomation } from './steps/addAutomation';
import { checkAssignees, findChannel } from './steps/checkAutomation';

export interface CreateAutomationInput {
  workspaceId: string;
  actorId: string;
  /** The channel by id, or the workspace's channel of this kind. */
  channelId?: string;
  channel?: ChannelKind;
  /** Name, trigger, steps, …: validated here, refused with a message pointing at the step. */
  automation: unknown;
}

/** Adds an automation at the end of its channel's list. */
export async function createAutomation(ctx: AppContext, input: CreateAutomationInput): Promise<AutomationOnChannel> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const channel = await findChannel(repos, input.workspaceId, input.channelId, input.channel);
    const parsed = parseAutomation(input.automation, { channelKind: channel.kind });
    await checkAssignees(repos, input.workspaceId, parsed.steps);
    const automation = await addAutomation(repos, { channel, automation: parsed, actorId: input.actorId, now });
    await repos.events.record(input.workspaceId, 'automation.created', { automationId: automation.id, channelId: channel.id }, now);
    return { automation, channelKind: channel.kind };
  });
}
