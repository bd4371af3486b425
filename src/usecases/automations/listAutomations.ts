import type { AppContext } from '../../context';
import type { ChannelKind } from '../../store/schema';
import type { AutomationOnChannel } from './getAutomation';
import { findChannel } from './steps/checkAutomation';

export interface ListAutomationsInput {
  workspaceId: string;
  /** One channel's automations, by id or by kind; all of the workspace's otherwise. */
  channelId?: string;
  channel?: ChannelKind;
}

/** Automations in their run order, each with the kind of its channel. */
export async function listAutomations(ctx: AppContext, input: ListAutomationsInput): Promise<AutomationOnChannel[]> {
  const { repos } = ctx.store;
  const channelId = input.channelId ?? (input.channel && (await findChannel(repos, input.workspaceId, undefined, input.channel)).id);
  const kinds = new Map((await repos.channels.list(input.workspaceId)).map((c) => [c.id, c.kind]));
  const automations = await repos.automations.list(input.workspaceId, { channelId });
  return automations.map((automation) => ({ automation, channelKind: kinds.get(automation.channelId) }));
}
