import type { AppContext } from '../../context';
import { nextStepIndex } from '../../domain/automations/automationSteps';
import type { AgentAction, AutomationRun } from '../../store/repositories/automationRuns';
import type { Conversation } from '../../store/repositories/conversations';
import type { Repositories } from '../../store/store';
import { moveRun, StaleRun } from './steps/advanceRun';
import { endAutomationRun } from './steps/endAutomationRun';
import { performAutomationStep, type StepOutcome, type StepScope, stepSends } from './steps/performAutomationStep';
import { describeDuration, recordRunItem } from './steps/recordRunItem';
import { type InviteStepResult, sendInviteFromAutomation } from './sendInviteFromAutomation';

export interface RunStepInput {
  runId: string;
  stepIndex: number;
  /** The run's seq this job was written for; any other seq means the job is stale. */
  seq: number;
  /** Set on the job that ends a wait for the customer's reply when no reply came. */
  timeout?: boolean;
}

/** done: the step ran (or the run ended) · stale: nothing to do · deferred: try again shortly. */
export type RunStepResult = 'done' | 'stale' | 'deferred';

/**
 * Runs one step of an automation run, from its job, in one transaction: the step's effects (an
 * outbound message and its send job, an assignment, a tag), the thread line, the run's progress
 * and the job of the next step commit together or not at all. A repeated or late job finds the
 * run at another seq and does nothing, so a step never executes twice.
 *
 * Before each step: a person who stepped in (an agent's reply or assignment since the run began)
 * stops the run when the automation says so, and a send waits until the conversation's earlier
 * sends are done so the customer receives the sequence in order.
 */
export async function runAutomationStep(ctx: AppContext, input: RunStepInput): Promise<RunStepResult> {
  const first = await attempt(ctx, input);
  if (typeof first === 'string') return first;
  // The invite use case commits on its own: it is sent between two transactions of this step,
  // and the second one records it only if the run is still where the first one left it.
  const invite = await sendInviteFromAutomation(ctx, first.needsInvite);
  const second = await attempt(ctx, input, invite);
  return typeof second === 'string' ? second : 'stale';
}

type Attempt = RunStepResult | { needsInvite: { run: AutomationRun; conversation: Conversation } };

async function attempt(ctx: AppContext, input: RunStepInput, invite?: InviteStepResult): Promise<Attempt> {
  const now = ctx.clock.now();
  try {
    return await ctx.store.transaction(async (repos): Promise<Attempt> => {
      const run = await repos.automationRuns.lock(input.runId);
      if (!run || run.state !== 'active' || run.seq !== input.seq || run.stepIndex !== input.stepIndex) return 'stale';
      if (Boolean(input.timeout) !== run.waitingForReply) return 'stale';
      const automation = await repos.automations.get(run.workspaceId, run.automationId);
      const conversation = await repos.conversations.get(run.workspaceId, run.conversationId);
      if (!automation || !conversation) return 'stale';
      const scope: StepScope = { ctx, repos, run, automation, conversation, now, invite };

      if (automation.stopOnAgentAction) {
        const action = await repos.automationRuns.agentActionSince(conversation.id, run.startedAt);
        if (action) {
          await endAutomationRun(repos, { run, automation, conversation, state: 'stopped', reason: await describeAction(repos, run, action), now });
          return 'done';
        }
      }

      const step = automation.steps[run.stepIndex];
      if (input.timeout && step?.type === 'wait' && 'untilReply' in step) {
        const note = `Step ${run.stepIndex + 1}: no reply within ${describeDuration(step.timeoutSeconds)}.`;
        await apply(scope, { kind: 'next', note, target: step.onTimeout, stopReason: `the customer did not reply within ${describeDuration(step.timeoutSeconds)}.` });
        return 'done';
      }
      if (!step) {
        await endAutomationRun(repos, { run, automation, conversation, state: 'completed', reason: 'all steps done.', now });
        return 'done';
      }
      if (stepSends(step) && !invite && (await repos.automationRuns.sendInFlight(conversation.id))) return 'deferred';
      if (step.type === 'send_whatsapp_invite' && !invite) return { needsInvite: { run, conversation } };

      await apply(scope, await performAutomationStep(scope, step, run.stepIndex));
      return 'done';
    });
  } catch (error) {
    if (error instanceof StaleRun) return 'stale';
    throw error;
  }
}

/** Records the step's line and moves the run to where the outcome says, with the next step's job. */
async function apply(scope: StepScope, outcome: StepOutcome): Promise<void> {
  const { repos, run, automation, conversation, now } = scope;
  const base = { run, automation, conversation };
  const index = run.stepIndex;
  const stepType = automation.steps[index]?.type ?? 'wait';
  if (outcome.note) await recordRunItem(repos, base, { event: 'step', text: outcome.note, stepIndex: index, stepType }, now);

  if (outcome.kind === 'end') {
    if (!(await endAutomationRun(repos, { ...base, state: outcome.state, reason: outcome.reason, now }))) throw new StaleRun();
    return;
  }

  let next: AutomationRun;
  let job: { stepIndex: number; runAt: number; timeout?: boolean };
  if (outcome.kind === 'wait' && outcome.forReply) {
    // The run stays on the wait; its timeout job is the only step job until a reply moves it on.
    next = { ...run, seq: run.seq + 1, waitingForReply: true, waitingSince: now, waitingUntil: outcome.until };
    job = { stepIndex: index, runAt: outcome.until, timeout: true };
  } else if (outcome.kind === 'wait') {
    next = { ...run, seq: run.seq + 1, stepIndex: index + 1, waitingForReply: false, waitingSince: null, waitingUntil: outcome.until };
    job = { stepIndex: index + 1, runAt: outcome.until };
  } else {
    const to = nextStepIndex(automation.steps, index, outcome.target ?? index + 1);
    if (to === null) {
      const reason = outcome.target === 'stop' ? (outcome.stopReason ?? 'a step ended the sequence.') : 'all steps done.';
      if (!(await endAutomationRun(repos, { ...base, state: 'completed', reason, now }))) throw new StaleRun();
      return;
    }
    next = { ...run, seq: run.seq + 1, stepIndex: to, waitingForReply: false, waitingSince: null, waitingUntil: null };
    job = { stepIndex: to, runAt: now };
  }
  await moveRun(repos, run, next, job, now);
}

async function describeAction(repos: Repositories, run: AutomationRun, action: AgentAction): Promise<string> {
  const user = action.userId ? await repos.users.get(run.workspaceId, action.userId) : undefined;
  const who = user ? `${user.name}` : 'An agent';
  if (action.kind === 'app_reply') return 'Someone replied from the Instagram app.';
  return action.kind === 'reply' ? `${who} replied in the conversation.` : `${who} assigned the conversation.`;
}
