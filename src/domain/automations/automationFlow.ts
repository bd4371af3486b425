import type { AutomationStep, StepTarget } from './automationSchema';
import { matchTrigger } from './automationTrigger';

/**
 * How a run moves through its steps, as pure functions the engine and the validator share: the
 * engine asks where to go next, the validator asks where a step *can* go (to refuse loops and
 * targets past the end before an automation is saved).
 */

/** A step's outgoing edges, each with the words the validator uses to name it. */
export interface StepEdge {
  target: StepTarget;
  /** "case 1", "otherwise", "on timeout", or "next" for falling through to the following step. */
  label: string;
  /** The property holding the target, e.g. "goTo", shown next to the 1-based step number. */
  field: string | null;
}

/** Where a step may lead. A step past the last one means the run completes. */
export function stepEdges(step: AutomationStep, index: number): StepEdge[] {
  switch (step.type) {
    case 'stop':
      return [];
    case 'branch':
      return [
        ...step.cases.map((c, i) => ({ target: c.goTo, label: `case ${i + 1}`, field: 'goTo' })),
        { target: step.otherwise, label: 'otherwise', field: 'otherwise' },
      ];
    case 'wait':
      return 'untilReply' in step
        ? [
            { target: index + 1, label: 'next', field: null },
            { target: step.onTimeout, label: 'on timeout', field: 'onTimeout' },
          ]
        : [{ target: index + 1, label: 'next', field: null }];
    default:
      return [{ target: index + 1, label: 'next', field: null }];
  }
}

/** What the customer answered: the text and, for a quick reply or button tap, its payload. */
export interface CustomerReply {
  text: string | null;
  payload: string | null;
}

/**
 * The target of a branch for a reply: the first case whose payload equals the reply's payload or
 * whose keyword appears in the reply's text as whole words (so a customer who types "whatsapp"
 * instead of tapping the button is understood), else `otherwise`.
 */
export function pickBranchTarget(step: Extract<AutomationStep, { type: 'branch' }>, reply: CustomerReply | null): StepTarget {
  for (const c of step.cases) {
    const { payload, keyword } = c.match;
    if (payload !== undefined && reply?.payload != null && reply.payload.trim() === payload) return c.goTo;
    if (keyword !== undefined && reply && matchTrigger({ mode: 'contains', keywords: [keyword] }, reply.text, { isFirstMessage: false })) {
      return c.goTo;
    }
  }
  return step.otherwise;
}

/** The index to run after `index` finished normally, or null when the run is complete. */
export function nextStepIndex(steps: readonly AutomationStep[], index: number, target: StepTarget = index + 1): number | null {
  if (target === 'stop' || target >= steps.length) return null;
  return target;
}
