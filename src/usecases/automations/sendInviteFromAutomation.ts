import type { AppContext } from '../../context';
import type { AutomationRun } from '../../store/repositories/automationRuns';
import type { Conversation } from '../../store/repositories/conversations';

export type InviteStepResult = { ok: true; inviteId: string; alreadySent: boolean } | { ok: false; reason: string };

/**
 * The send_whatsapp_invite step goes through the invite use case (same rules and refusals as an
 * agent's invite). Until that use case is in, the step refuses and the run ends with the reason.
 */
export async function sendInviteFromAutomation(_ctx: AppContext, _input: { run: AutomationRun; conversation: Conversation }): Promise<InviteStepResult> {
  return { ok: false, reason: 'WhatsApp invites cannot be sent from automations yet.' };
}
