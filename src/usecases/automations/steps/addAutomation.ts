import type { Automation } from '../../../domain/automations/automationSteps';
import { newId } from '../../../domain/shared/ids';
import type { StoredAutomation } from '../../../store/repositories/automations';
import type { Channel } from '../../../store/repositories/channels';
import type { Repositories } from '../../../store/store';

export interface AddAutomationInput {
  channel: Channel;
  /** Already validated. */
  automation: Automation;
  /** An admin, or null when Braid adds it (a new channel's defaults). */
  actorId: string | null;
  now: number;
}

/** Stores a validated automation at the end of its channel's list and records who added it. */
export async function addAutomation(repos: Repositories, input: AddAutomationInput): Promise<StoredAutomation> {
  const { channel, now } = input;
  const automation: StoredAutomation = {
    ...input.automation,
    id: newId(),
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    position: await repos.automations.nextPosition(channel.id),
    createdAt: now,
    updatedAt: now,
  };
  await repos.automations.create(automation);
  await repos.audit.append(
    {
      workspaceId: channel.workspaceId,
      actorType: input.actorId ? 'user' : 'system',
      actorId: input.actorId,
      action: 'automation.created',
      subjectType: 'automation',
      subjectId: automation.id,
      data: { name: automation.name, channelId: channel.id, ...(input.actorId === null && { default: true }) },
    },
    now,
  );
  return automation;
}
