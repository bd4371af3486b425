import type { AppContext } from '../../context';
import { pickAutomation } from '../../domain/automations/automationTrigger';
import { newId } from '../../domain/shared/ids';
import type { AutomationRun } from '../../store/repositories/automationRuns';
import { describeDuration, publishRun, quoteText, recordRunItem } from './steps/recordRunItem';
import { resumeAutomationRun } from './steps/resumeAutomationRun';
import { enqueueStep } from './steps/advanceRun';

export interface MatchAutomationInput {
  /** An inbound message just stored by the webhook ingest. */
  messageId: string;
}

export type MatchOutcome =
  | { kind: 'started'; runId: string; automationId: string }
  | { kind: 'resumed' | 'noted'; runId: string }
  | { kind: 'skipped'; reason: string };

/**
 * Decides what an inbound customer message does to automations, once per message:
 * - during an active run of the conversation it is an answer to that run (resumes a wait for the
 *   reply), never the start of another sequence;
 * - otherwise the best matching enabled automation of the message's channel starts (exact before
 *   starts-with before contains before any first message, then the admin's order), unless its
 *   cool-down since the last run in this conversation has not passed, or a person has been
 *   handling the conversation within that cool-down (the bot does not talk over them).
 * The database refuses a second run for the same message or a second active run in the
 * conversation, so duplicate deliveries and racing workers start one run at most.
 */
export async function matchAutomation(ctx: AppContext, input: MatchAutomationInput): Promise<MatchOutcome> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos): Promise<MatchOutcome> => {
    const workspaceId = await repos.automationRuns.workspaceOfMessage(input.messageId);
    const message = workspaceId ? await repos.messages.get(workspaceId, input.messageId) : undefined;
    if (!message || !workspaceId) return { kind: 'skipped', reason: 'no such message' };
    if (message.direction !== 'inbound' || message.sentBy !== 'customer') return { kind: 'skipped', reason: 'not a customer message' };
    const conversation = await repos.conversations.get(workspaceId, message.conversationId);
    if (!conversation) return { kind: 'skipped', reason: 'no conversation' };

    const active = await repos.automationRuns.activeForConversation(conversation.id);
    if (active) {
      const outcome = await resumeAutomationRun(repos, { run: active, message, conversation, now });
      return outcome === 'ignored' ? { kind: 'skipped', reason: 'already handled' } : { kind: outcome, runId: active.id };
    }

    const automations = await repos.automations.list(workspaceId, { channelId: message.channelId, enabledOnly: true });
    if (automations.length === 0) return { kind: 'skipped', reason: 'no automation on this channel' };
    const isFirstMessage = !(await repos.automationRuns.hasEarlierInbound(conversation.id, message));
    const automation = pickAutomation(automations, message.text, { isFirstMessage });
    if (!automation) return { kind: 'skipped', reason: 'no trigger matches' };

    const cooldownMs = automation.cooldownSeconds * 1000;
    const lastEnded = await repos.automationRuns.lastEndedAt(automation.id, conversation.id);
    if (lastEnded !== null && now < lastEnded + cooldownMs) {
      return { kind: 'skipped', reason: `cooling down (${describeDuration(automation.cooldownSeconds)} after the last run)` };
    }
    if (automation.stopOnAgentAction && cooldownMs > 0 && (await repos.automationRuns.agentActionSince(conversation.id, now - cooldownMs))) {
      return { kind: 'skipped', reason: 'an agent is handling the conversation' };
    }

    const run: AutomationRun = {
      id: newId(),
      workspaceId,
      automationId: automation.id,
      conversationId: conversation.id,
      triggerMessageId: message.id,
      state: 'active',
      stepIndex: 0,
      seq: 0,
      waitingUntil: null,
      waitingForReply: false,
      waitingSince: null,
      replyMessageId: null,
      reason: null,
      startedAt: now,
      endedAt: null,
    };
    if (!(await repos.automationRuns.insertIfAllowed(run))) return { kind: 'skipped', reason: 'a run already exists for this message or conversation' };
    const why = automation.trigger.mode === 'any_first_message' ? "the customer's first message" : `the customer wrote "${quoteText(message.text)}"`;
    await recordRunItem(repos, { run, automation, conversation }, { event: 'started', text: `Automation "${automation.name}" started: ${why}.` }, now);
    await enqueueStep(repos, run, { stepIndex: 0, runAt: now }, now);
    await publishRun(repos, run, now);
    return { kind: 'started', runId: run.id, automationId: automation.id };
  });
}
