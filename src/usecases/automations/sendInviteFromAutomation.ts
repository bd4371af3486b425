import type { AppContext } from '../../context';
import { isAppError } from '../../domain/shared/errors';
import type { AutomationRun } from '../../store/repositories/automationRuns';
import type { Conversation } from '../../store/repositories/conversations';
import { sendWhatsAppInvite } from '../contactMerge/sendWhatsAppInvite';

export type InviteStepResult = { ok: true; inviteId: string; alreadySent: boolean } | { ok: false; reason: string };

/**
 * The send_whatsapp_invite step: the same invite an agent sends from the thread, with the same
 * rules and refusals (no WhatsApp number configured, customer already on WhatsApp, reply window
 * closed); a refusal comes back as the sentence that ends the run.
 *
 * The invite use case commits on its own, so this runs between the step's transactions. If the
 * worker died after the invite committed and before the step was recorded, the retried step
 * finds this run's invite and does not send a second one.
 */
export async function sendInviteFromAutomation(ctx: AppContext, input: { run: AutomationRun; conversation: Conversation }): Promise<InviteStepResult> {
  const { run, conversation } = input;
  const { repos } = ctx.store;
  const identity = await repos.identities.get(run.workspaceId, conversation.identityId);
  if (identity) {
    const earlier = (await repos.invites.forContacts(run.workspaceId, [identity.contactId])).find(
      (i) => i.conversationId === conversation.id && i.createdBy === null && i.createdAt >= run.startedAt && i.state === 'sent',
    );
    if (earlier) return { ok: true, inviteId: earlier.id, alreadySent: true };
  }
  try {
    const { invite } = await sendWhatsAppInvite(ctx, { workspaceId: run.workspaceId, conversationId: conversation.id, actorId: null });
    return { ok: true, inviteId: invite.id, alreadySent: false };
  } catch (error) {
    if (isAppError(error)) return { ok: false, reason: error.message };
    throw error;
  }
}
