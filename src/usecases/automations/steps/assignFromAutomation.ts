import type { User } from '../../../store/repositories/users';
import type { StepScope } from './performAutomationStep';
import { recordAssignment } from '../../conversations/steps/recordAssignment';

/** An agent counts as online when the inbox saw them this recently. */
export const ONLINE_WITHIN_MS = 15 * 60 * 1000;

export const ROUND_ROBIN = 'round_robin';

/**
 * The assign step: puts the conversation on an agent's name, either the one the admin chose or the
 * next one in turn. Returns the sentence for the thread. It never takes a conversation away from a
 * person who already has it, and with nobody to assign to it says so and lets the run go on: the
 * conversation stays in the shared inbox, where any agent sees it.
 */
export async function assignFromAutomation(scope: StepScope, to: string): Promise<string> {
  const { repos, run, conversation, now } = scope;
  if (conversation.assigneeId) {
    const current = await repos.users.get(run.workspaceId, conversation.assigneeId);
    return `already assigned to ${current?.name ?? 'an agent'}; left as it is.`;
  }
  const users = (await repos.users.list(run.workspaceId)).filter((u) => u.disabledAt === null);
  let assignee: User | undefined;
  let how: string;
  if (to === ROUND_ROBIN) {
    assignee = nextInTurn(users, await repos.automationRuns.recentAutomaticAssignees(run.workspaceId), now);
    how = 'round robin';
  } else {
    assignee = users.find((u) => u.id === to);
    how = 'as set in the automation';
    if (!assignee) return 'the agent chosen in the automation no longer exists or is disabled; the conversation stays unassigned.';
  }
  if (!assignee) return 'no active agent to assign to; the conversation stays unassigned.';

  await recordAssignment(repos, {
    conversation,
    assignee,
    actor: { type: 'automation', id: run.automationId },
    data: { automationId: run.automationId, runId: run.id, how: to === ROUND_ROBIN ? ROUND_ROBIN : 'agent' },
    now,
  });
  return `assigned to ${assignee.name} (${how}).`;
}

/**
 * Round robin: among the agents (admins only when there are no agents), those online if any are,
 * the one whose last automatic assignment is the oldest; someone never assigned goes first, and
 * ties go to the earlier account.
 */
export function nextInTurn(users: User[], recentAssignees: string[], now: number): User | undefined {
  const agents = users.filter((u) => u.role === 'agent');
  const pool = agents.length > 0 ? agents : users;
  const online = pool.filter((u) => u.lastSeenAt !== null && now - u.lastSeenAt <= ONLINE_WITHIN_MS);
  const candidates = online.length > 0 ? online : pool;
  // recentAssignees is newest first: a lower index is a more recent turn; never assigned is oldest.
  const lastTurn = (u: User) => {
    const i = recentAssignees.indexOf(u.id);
    return i === -1 ? Infinity : i;
  };
  return [...candidates].sort((a, b) => lastTurn(b) - lastTurn(a) || a.createdAt - b.createdAt || a.id.localeCompare(b.id))[0];
}
