import { addSystemItem } from '../../messages/steps/systemItems';
import type { AutomationRun } from '../../../store/repositories/automationRuns';
import type { StoredAutomation } from '../../../store/repositories/automations';
import type { Conversation } from '../../../store/repositories/conversations';
import type { Message } from '../../../store/repositories/messages';
import type { Repositories } from '../../../store/store';

export type RunItemEvent = 'started' | 'step' | 'ended';

export interface RunItem {
  event: RunItemEvent;
  text: string;
  stepIndex?: number;
  stepType?: string;
}

/**
 * A line in the thread about an automation run (started, each step, ended and why), so an agent
 * opening the conversation sees what the bot did and why it stopped. Written in the step's own
 * transaction with its realtime event: the thread never shows a step that did not happen.
 */
export async function recordRunItem(
  repos: Repositories,
  scope: { run: AutomationRun; automation: Pick<StoredAutomation, 'id' | 'name'>; conversation: Conversation },
  item: RunItem,
  now: number,
): Promise<Message> {
  const { run, automation, conversation } = scope;
  return addSystemItem(
    repos,
    conversation,
    {
      type: 'automation',
      text: item.text,
      sentBy: 'automation',
      payload: {
        automation: {
          runId: run.id,
          automationId: automation.id,
          automationName: automation.name,
          event: item.event,
          // Items of one run written in the same millisecond share a timestamp; this orders them.
          order: item.event === 'started' ? 0 : 2 * run.seq + (item.event === 'step' ? 1 : 0),
          ...(item.stepIndex !== undefined && { stepIndex: item.stepIndex, stepType: item.stepType }),
          ...(item.event === 'ended' && { state: run.state, reason: run.reason }),
        },
      },
    },
    now,
  );
}

/** The realtime event for any change of a run (started, moved on, waiting, ended). */
export async function publishRun(repos: Repositories, run: AutomationRun, now: number): Promise<void> {
  await repos.events.record(run.workspaceId, 'automation_run.updated', presentRunEvent(run), now);
}

export function presentRunEvent(run: AutomationRun) {
  return {
    runId: run.id,
    automationId: run.automationId,
    conversationId: run.conversationId,
    state: run.state,
    stepIndex: run.stepIndex,
    waitingForReply: run.waitingForReply,
    waitingUntil: run.waitingUntil,
    reason: run.reason,
  };
}

/** "1 hour", "10 minutes", "2 days and 3 hours": how a wait reads in the thread. */
export function describeDuration(seconds: number): string {
  const units: [number, string][] = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
    rest -= n * size;
  }
  return parts.join(' and ') || '0 seconds';
}

/** A customer's words as a thread line quotes them: trimmed, on one line, at most 80 characters. */
export function quoteText(text: string | null): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
