import type { AutomationStep } from '../../../domain/automations/automationSteps';
import { badRequest, notFound, unprocessable } from '../../../domain/shared/errors';
import type { Channel } from '../../../store/repositories/channels';
import type { ChannelKind } from '../../../store/schema';
import type { Repositories } from '../../../store/store';

/** The automation's channel: by id, or the workspace's channel of that kind. */
export async function findChannel(repos: Repositories, workspaceId: string, channelId?: string, kind?: ChannelKind): Promise<Channel> {
  if (channelId) {
    const channel = await repos.channels.get(workspaceId, channelId);
    if (!channel) throw notFound('channel_not_found', 'No such channel in this workspace.');
    return channel;
  }
  if (!kind) throw badRequest('channel_required', 'Say which channel the automation belongs to: give channelId, or channel "instagram" or "whatsapp".');
  const channel = await repos.channels.findByKind(workspaceId, kind);
  if (!channel) throw notFound('channel_not_found', `This workspace has no ${kind === 'instagram' ? 'Instagram' : 'WhatsApp'} channel yet.`);
  return channel;
}

/**
 * An assign step naming an agent who does not exist (or is disabled) in this workspace could never
 * run as written: refused like any other unrunnable step, pointing at it.
 */
export async function checkAssignees(repos: Repositories, workspaceId: string, steps: AutomationStep[]): Promise<void> {
  for (const [index, step] of steps.entries()) {
    if (step.type !== 'assign' || step.to === 'round_robin') continue;
    const user = await repos.users.get(workspaceId, step.to);
    if (!user || user.disabledAt !== null) {
      throw unprocessable(
        'invalid_automation',
        `Step ${index + 1} (assign): there is no active agent with the id "${step.to}" in this workspace; use an agent's id or "round_robin".`,
        { step: index, path: ['steps', String(index), 'to'] },
      );
    }
  }
}
