import { defaultHiAutomation } from '../../domain/automationSteps';
import { newId } from '../../domain/ids';
import type { StoredAutomation } from '../../store/repositories/automations';
import type { Channel } from '../../store/repositories/channels';
import type { Repositories } from '../../store/store';

/**
 * The automations a new channel ships with. An Instagram channel gets the enabled "Hi" sequence, so
 * the guide's "When a customer sends 'Hi' on Instagram, an automated response sequence begins"
 * works before anyone opens the settings; WhatsApp starts with none. Call it once, when the
 * channel is created (in the same transaction when there is one).
 */
export async function createDefaultAutomations(repos: Repositories, input: { channel: Channel; now: number }): Promise<StoredAutomation[]> {
  const { channel, now } = input;
  if (channel.kind !== 'instagram') return [];
  const automation: StoredAutomation = {
    ...defaultHiAutomation(),
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
      actorType: 'system',
      actorId: null,
      action: 'automation.created',
      subjectType: 'automation',
      subjectId: automation.id,
      data: { name: automation.name, channelId: channel.id, default: true },
    },
    now,
  );
  return [automation];
}
