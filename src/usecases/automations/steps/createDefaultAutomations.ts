import { defaultHiAutomation } from '../../../domain/automations/automationSteps';
import type { StoredAutomation } from '../../../store/repositories/automations';
import type { Channel } from '../../../store/repositories/channels';
import type { Repositories } from '../../../store/store';
import { addAutomation } from './addAutomation';

/**
 * The automations a new channel ships with. An Instagram channel gets the enabled "Hi" sequence, so
 * the guide's "When a customer sends 'Hi' on Instagram, an automated response sequence begins"
 * works before anyone opens the settings; WhatsApp starts with none. Call it once, when the
 * channel is created (in the same transaction when there is one).
 */
export async function createDefaultAutomations(repos: Repositories, input: { channel: Channel; now: number }): Promise<StoredAutomation[]> {
  const { channel, now } = input;
  if (channel.kind !== 'instagram') return [];
  const automation = await addAutomation(repos, { channel, automation: defaultHiAutomation(), actorId: null, now });
  return [automation];
}
