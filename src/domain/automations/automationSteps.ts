import type { z } from 'zod';
import { type Automation, type AutomationStep, MAX_STEPS, STEP_SCHEMAS, STEP_TYPES, automationHeadSchema } from './automationSchema';
import { stepEdges } from './automationFlow';
import { type AppError, unprocessable } from '../shared/errors';

export * from './automationSchema';
export { type CustomerReply, pickBranchTarget, nextStepIndex, stepEdges } from './automationFlow';
export { defaultHiAutomation, HI_PAYLOADS } from './defaultAutomations';

/**
 * Validation of a whole automation, with messages that point at the step an admin has to fix:
 * "Step 3 (branch): case 1 goes to step 9 (goTo 8), but there are only 5 steps". Steps are counted
 * from 1 in messages, as the editor shows them; targets in the JSON are 0-based indexes, so both
 * numbers are given when a target is wrong.
 */

export type AutomationValidation =
  | { ok: true; automation: Automation }
  | { ok: false; message: string; stepIndex: number | null; path: PropertyKey[] };

export interface ValidationOptions {
  /** The automation's channel: an invite step only makes sense on Instagram. */
  channelKind?: 'instagram' | 'whatsapp';
}

const ITEM_NAMES: Record<string, string> = { replies: 'quick reply', buttons: 'button', cases: 'case', keywords: 'keyword' };
const FIELD_NAMES: Record<string, string> = {
  name: 'Name', enabled: 'Enabled', trigger: 'Trigger', stopOnAgentAction: 'Stop on agent action', cooldownSeconds: 'Cool-down',
};

/** "replies.1.title" → "quick reply 2: " so the admin finds the item in the list. */
function itemPrefix(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  path.forEach((key, i) => {
    const next = path[i + 1];
    if (typeof key === 'string' && typeof next === 'number' && ITEM_NAMES[key]) parts.push(`${ITEM_NAMES[key]} ${next + 1}`);
  });
  return parts.length ? `${parts.join(', ')}: ` : '';
}

function firstIssue(error: z.ZodError): { message: string; path: PropertyKey[] } {
  const issue = error.issues[0];
  return { message: issue.message, path: issue.path as PropertyKey[] };
}

const fail = (message: string, stepIndex: number | null, path: PropertyKey[]): AutomationValidation => ({ ok: false, message, stepIndex, path });

/** The parsed automation, or the first problem found, named by step. */
export function validateAutomation(input: unknown, options: ValidationOptions = {}): AutomationValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('The automation must be a JSON object.', null, []);
  const head = automationHeadSchema.safeParse(input);
  if (!head.success) {
    const { message, path } = firstIssue(head.error);
    const field = FIELD_NAMES[String(path[0])] ?? String(path[0]);
    return fail(`${field}: ${itemPrefix(path)}${message}`, null, path);
  }
  const rawSteps = (input as { steps?: unknown }).steps;
  if (!Array.isArray(rawSteps) || rawSteps.length === 0) return fail('Add at least one step.', null, ['steps']);
  if (rawSteps.length > MAX_STEPS) return fail(`Use at most ${MAX_STEPS} steps (this one has ${rawSteps.length}).`, null, ['steps']);

  const steps: AutomationStep[] = [];
  for (const [index, raw] of rawSteps.entries()) {
    const where = `Step ${index + 1}`;
    const type = (raw as { type?: unknown } | null)?.type;
    if (typeof raw !== 'object' || raw === null || typeof type !== 'string') {
      return fail(`${where}: the step has no type; use one of ${STEP_TYPES.join(', ')}.`, index, ['steps', index, 'type']);
    }
    if (!(STEP_TYPES as string[]).includes(type)) {
      return fail(`${where}: unknown step type "${type}"; use one of ${STEP_TYPES.join(', ')}.`, index, ['steps', index, 'type']);
    }
    const parsed = (STEP_SCHEMAS as Record<string, z.ZodType>)[type].safeParse(raw);
    if (!parsed.success) {
      const { message, path } = firstIssue(parsed.error);
      return fail(`${where} (${type}): ${itemPrefix(path)}${message}`, index, ['steps', index, ...path]);
    }
    const step = parsed.data as AutomationStep;
    if (options.channelKind === 'whatsapp' && step.type === 'send_whatsapp_invite') {
      return fail(`${where} (${type}): a WhatsApp invite can only be sent from an Instagram automation.`, index, ['steps', index, 'type']);
    }
    if (options.channelKind === 'whatsapp' && step.type === 'send_quick_replies' && step.replies.length > 3) {
      return fail(`${where} (${type}): WhatsApp shows at most 3 reply buttons; this step has ${step.replies.length}.`, index, ['steps', index, 'replies']);
    }
    steps.push(step);
  }

  const problem = targetProblem(steps) ?? loopProblem(steps);
  if (problem) return problem;
  return { ok: true, automation: { ...head.data, steps } };
}

function targetProblem(steps: AutomationStep[]): AutomationValidation | null {
  for (const [index, step] of steps.entries()) {
    for (const edge of stepEdges(step, index)) {
      if (edge.field === null || edge.target === 'stop' || edge.target < steps.length) continue;
      return fail(
        `Step ${index + 1} (${step.type}): ${edge.label} goes to step ${edge.target + 1} (${edge.field} ${edge.target}), ` +
          `but there are only ${steps.length} steps.`,
        index,
        ['steps', index],
      );
    }
  }
  return null;
}

/**
 * A cycle that passes through no wait would run forever without the customer: refused. Loops
 * through a wait (ask again until the customer answers) are allowed.
 */
function loopProblem(steps: AutomationStep[]): AutomationValidation | null {
  const state = new Array<0 | 1 | 2>(steps.length).fill(0); // unvisited, on the path, done
  const visit = (index: number): AutomationValidation | null => {
    state[index] = 1;
    for (const edge of stepEdges(steps[index], index)) {
      if (edge.target === 'stop' || edge.target >= steps.length || steps[edge.target].type === 'wait') continue;
      if (state[edge.target] === 1) {
        return fail(
          `Step ${index + 1} (${steps[index].type}): going to step ${edge.target + 1} makes a loop with no wait in it, so the automation would never end.`,
          index,
          ['steps', index],
        );
      }
      if (state[edge.target] === 0) {
        const found = visit(edge.target);
        if (found) return found;
      }
    }
    state[index] = 2;
    return null;
  };
  for (let i = 0; i < steps.length; i++) {
    if (steps[i].type === 'wait' || state[i] !== 0) continue;
    const found = visit(i);
    if (found) return found;
  }
  return null;
}

/** The parsed automation, or a 422 `invalid_automation` whose message points at the step. */
export function parseAutomation(input: unknown, options: ValidationOptions = {}): Automation {
  const result = validateAutomation(input, options);
  if (result.ok) return result.automation;
  throw invalidAutomation(result);
}

function invalidAutomation(result: Extract<AutomationValidation, { ok: false }>): AppError {
  return unprocessable('invalid_automation', result.message, { step: result.stepIndex, path: result.path.map(String) });
}
