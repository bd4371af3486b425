import type { Step, TriggerMode } from '../api/automation-schema';

export const TRIGGER_MODE_LABEL: Record<TriggerMode, string> = {
  exact: 'Exact word or phrase',
  starts_with: 'Starts with',
  contains: 'Contains',
  any_first_message: 'Any first message',
};

export const STEP_TYPE_LABEL: Record<string, string> = {
  send_text: 'Send a text',
  send_quick_replies: 'Send quick replies',
  send_button_message: 'Send a button message',
  wait: 'Wait',
  branch: 'Branch on the answer',
  assign: 'Assign the conversation',
  add_tag: 'Add a tag',
  send_whatsapp_invite: 'Send the WhatsApp invite',
  stop: 'Stop',
};

export const STEP_TYPES = Object.keys(STEP_TYPE_LABEL);

/** A fresh step of a type, with the fields the API requires already present. */
export function newStep(type: string): Step {
  switch (type) {
    case 'send_text':
      return { type, text: '' };
    case 'send_quick_replies':
      return { type, text: '', replies: [] };
    case 'send_button_message':
      return { type, text: '', buttons: [] };
    case 'wait':
      return { type, seconds: 60 };
    case 'branch':
      return { type, cases: [], otherwise: 'stop' };
    case 'assign':
      return { type, to: 'round_robin' };
    case 'add_tag':
      return { type, tag: '' };
    default:
      return { type };
  }
}

type Target = number | 'stop';

/**
 * Steps point at each other by index (a branch's goTo, a wait's onTimeout). When steps move
 * or go away, those pointers follow, so reordering never silently sends a customer elsewhere.
 * `newIndexOf(old)` gives a step's new index, or null when it was removed (pointers to it stop).
 */
export function remapTargets(steps: Step[], newIndexOf: (oldIndex: number) => number | null): Step[] {
  const map = (target: unknown): unknown => (typeof target === 'number' ? (newIndexOf(target) ?? 'stop') : target);
  return steps.map((step) => {
    const next: Step = { ...step };
    if ('goTo' in next) next.goTo = map(next.goTo);
    if ('otherwise' in next) next.otherwise = map(next.otherwise);
    if ('onTimeout' in next) next.onTimeout = map(next.onTimeout);
    if (Array.isArray(next.cases)) next.cases = next.cases.map((c: { goTo?: unknown }) => ({ ...c, goTo: map(c.goTo) }));
    return next;
  });
}

export function moveStep(steps: Step[], from: number, to: number): Step[] {
  if (to < 0 || to >= steps.length) return steps;
  const order = steps.map((_, index) => index);
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved!);
  const reordered = order.map((oldIndex) => steps[oldIndex]!);
  return remapTargets(reordered, (oldIndex) => order.indexOf(oldIndex));
}

export function removeStep(steps: Step[], index: number): Step[] {
  const rest = steps.filter((_, i) => i !== index);
  return remapTargets(rest, (oldIndex) => (oldIndex === index ? null : oldIndex > index ? oldIndex - 1 : oldIndex));
}

/** "stop" or a 1-based step number as people count, from the API's 0-based target. */
export function targetToText(target: unknown): string {
  return typeof target === 'number' ? String(target + 1) : 'stop';
}

/** The API's target from what was typed: a step number (1 for the first) or "stop"; anything else is sent as typed, for the API to explain. */
export function textToTarget(text: string): Target | string {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'stop') return 'stop';
  const number = Number(trimmed);
  return Number.isInteger(number) && number >= 1 ? number - 1 : text;
}

/** "Title | value" lines, one choice per line: how quick replies and buttons are edited as text. */
export function pairsToLines(pairs: { title: string; value: string }[]): string {
  return pairs.map((pair) => `${pair.title} | ${pair.value}`).join('\n');
}

export function linesToPairs(text: string): { title: string; value: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.indexOf('|');
      return bar < 0 ? { title: line, value: line } : { title: line.slice(0, bar).trim(), value: line.slice(bar + 1).trim() };
    });
}
