import type { AutomationRun } from '../../../store/repositories/automationRuns';
import type { Conversation } from '../../../store/repositories/conversations';
import type { Message } from '../../../store/repositories/messages';
import type { Repositories } from '../../../store/store';
import { customerReplyOf } from './performAutomationStep';
import { quoteText, recordRunItem } from './recordRunItem';
import { moveRun } from './advanceRun';

export interface ResumeRunInput {
  run: AutomationRun;
  /** The customer's message that arrived while the run was active. */
  message: Message;
  conversation: Conversation;
  now: number;
}

export type ResumeOutcome = 'resumed' | 'noted' | 'ignored';

/**
 * A customer's message during an active run answers it instead of starting anything new: a run
 * waiting for the reply continues with the step after the wait (its timeout job then finds the
 * run moved on); any other active run keeps the message as the latest answer for a later branch.
 * Runs in the caller's transaction, with the run row held.
 */
export async function resumeAutomationRun(repos: Repositories, input: ResumeRunInput): Promise<ResumeOutcome> {
  const { run, message, conversation, now } = input;
  // The message that started the run is not an answer to it (a repeated match job).
  if (message.id === run.triggerMessageId) return 'ignored';
  const answersWait = run.waitingForReply && run.waitingSince !== null && message.createdAt >= run.waitingSince;
  if (!answersWait) {
    await repos.automationRuns.recordReply(run.id, message.id);
    return 'noted';
  }
  const automation = await repos.automations.get(run.workspaceId, run.automationId);
  if (!automation) return 'ignored';
  const reply = customerReplyOf(message);
  const shown = quoteText(reply.text ?? reply.payload) || `a ${message.type} message`;
  await recordRunItem(
    repos,
    { run, automation, conversation },
    { event: 'step', text: `Step ${run.stepIndex + 1}: the customer replied "${shown}".`, stepIndex: run.stepIndex, stepType: 'wait' },
    now,
  );
  const next: AutomationRun = {
    ...run,
    seq: run.seq + 1,
    stepIndex: run.stepIndex + 1,
    waitingForReply: false,
    waitingSince: null,
    waitingUntil: null,
    replyMessageId: message.id,
  };
  await moveRun(repos, run, next, { stepIndex: next.stepIndex, runAt: now }, now);
  return 'resumed';
}
