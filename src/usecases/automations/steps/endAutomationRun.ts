import type { AutomationRun } from '../../../store/repositories/automationRuns';
import type { StoredAutomation } from '../../../store/repositories/automations';
import type { Conversation } from '../../../store/repositories/conversations';
import type { AutomationRunState } from '../../../store/schema';
import type { Repositories } from '../../../store/store';
import { publishRun, recordRunItem } from './recordRunItem';

export interface EndRunInput {
  run: AutomationRun;
  automation: Pick<StoredAutomation, 'id' | 'name'>;
  conversation: Conversation;
  /** completed: it ran to its end · stopped: a person stepped in or an admin changed it · failed: a step could not run. */
  state: Exclude<AutomationRunState, 'active'>;
  /** Why, in a sentence an agent understands ("An agent replied."). */
  reason: string;
  now: number;
}

const ENDED: Record<EndRunInput['state'], string> = { completed: 'finished', stopped: 'stopped', failed: 'ended early' };

/**
 * Ends an active run with its reason, in the caller's transaction: the run row, the thread item
 * and the realtime event together. Any step job still queued for the run finds it ended and does
 * nothing. Returns false when the run had already moved on (another worker got there first).
 */
export async function endAutomationRun(repos: Repositories, input: EndRunInput): Promise<boolean> {
  const { run, now } = input;
  const ended: AutomationRun = {
    ...run,
    state: input.state,
    reason: input.reason,
    endedAt: now,
    seq: run.seq + 1,
    waitingForReply: false,
    waitingUntil: null,
    waitingSince: null,
  };
  const moved = await repos.automationRuns.advance(run.id, run.seq, {
    state: ended.state,
    reason: ended.reason,
    endedAt: now,
    seq: ended.seq,
    waitingForReply: false,
    waitingUntil: null,
    waitingSince: null,
  });
  if (!moved) return false;
  await recordRunItem(
    repos,
    { run: ended, automation: input.automation, conversation: input.conversation },
    { event: 'ended', text: `Automation "${input.automation.name}" ${ENDED[input.state]}: ${input.reason}` },
    now,
  );
  await publishRun(repos, ended, now);
  return true;
}

/**
 * Stops every active run of an automation an admin changed, turned off or deleted: a run holds a
 * step index into the old step list, so it cannot safely continue on a new one.
 */
export async function stopActiveRuns(
  repos: Repositories,
  automation: Pick<StoredAutomation, 'id' | 'name' | 'workspaceId'>,
  reason: string,
  now: number,
): Promise<number> {
  let stopped = 0;
  for (const run of await repos.automationRuns.activeForAutomation(automation.id)) {
    const conversation = await repos.conversations.get(automation.workspaceId, run.conversationId);
    if (!conversation) continue;
    if (await endAutomationRun(repos, { run, automation, conversation, state: 'stopped', reason, now })) stopped += 1;
  }
  return stopped;
}
