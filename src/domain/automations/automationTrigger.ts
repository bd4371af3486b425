import { foldText, isUnspacedScript } from '../shared/text';

/**
 * Which automation an inbound customer message starts. Customers write "Hi!", "HI 👋" or "hí";
 * the admin wrote "Hi". Both sides are folded (case, accents on Latin letters, emoji, punctuation,
 * spacing) before comparing, so matching is forgiving but never fuzzy: "his" is not "hi".
 */
export const TRIGGER_MODES = ['exact', 'starts_with', 'contains', 'any_first_message'] as const;
export type TriggerMode = (typeof TRIGGER_MODES)[number];

export interface AutomationTrigger {
  mode: TriggerMode;
  keywords: string[];
}

/** Lower rank wins when several automations match one message (exact before starts-with, …). */
const RANK: Record<TriggerMode, number> = { exact: 0, starts_with: 1, contains: 2, any_first_message: 3 };

/** The comparison form of a message or keyword ("  HÍ! 👋 " → "hi"). */
export function normalizeTriggerText(text: string): string {
  return foldText(text);
}

export interface TriggerContext {
  /** True for the first customer message of the conversation. */
  isFirstMessage: boolean;
}

export interface TriggerMatch {
  mode: TriggerMode;
  /** The keyword as the admin wrote it; null for any_first_message. */
  keyword: string | null;
}

/** A boundary: the text edge, a space, or a letter of a script written without spaces. */
function isBoundary(text: string, index: number, keywordEdge: string): boolean {
  if (index <= 0 || index >= text.length) return true;
  return text[index] === ' ' || text[index - 1] === ' ' || isUnspacedScript(keywordEdge);
}

/** `keyword` (folded) appears in `message` (folded) as whole words; at the very start when `startOnly`. */
function findWords(message: string, keyword: string, startOnly: boolean): boolean {
  for (let at = message.indexOf(keyword); at !== -1; at = startOnly ? -1 : message.indexOf(keyword, at + 1)) {
    if (startOnly && at !== 0) return false;
    const end = at + keyword.length;
    if (isBoundary(message, at, keyword[0]) && isBoundary(message, end, keyword[keyword.length - 1])) return true;
  }
  return false;
}

/** Does the message start the trigger, and through which keyword? */
export function matchTrigger(trigger: AutomationTrigger, message: string | null, context: TriggerContext): TriggerMatch | null {
  if (trigger.mode === 'any_first_message') return context.isFirstMessage ? { mode: trigger.mode, keyword: null } : null;
  const text = normalizeTriggerText(message ?? '');
  if (!text) return null;
  for (const keyword of trigger.keywords) {
    const folded = normalizeTriggerText(keyword);
    if (!folded) continue; // a keyword of only emoji or punctuation can never match; validation refuses it
    const hit =
      trigger.mode === 'exact' ? text === folded : findWords(text, folded, trigger.mode === 'starts_with');
    if (hit) return { mode: trigger.mode, keyword };
  }
  return null;
}

export interface TriggeredAutomation {
  trigger: AutomationTrigger;
  /** Disabled automations never start; absent means enabled. Accepts the stored 0/1 too. */
  enabled?: boolean | number;
}

/**
 * The one automation to run for a message: the best-ranked match (exact > starts_with > contains >
 * any first message), ties going to the earlier automation in the list (callers pass them in
 * their configured order). Null when nothing matches.
 */
export function pickAutomation<T extends TriggeredAutomation>(
  automations: readonly T[],
  message: string | null,
  context: TriggerContext,
): T | null {
  let best: T | null = null;
  let bestRank = Infinity;
  for (const automation of automations) {
    if (automation.enabled === false || automation.enabled === 0) continue;
    const match = matchTrigger(automation.trigger, message, context);
    if (match && RANK[match.mode] < bestRank) {
      best = automation;
      bestRank = RANK[match.mode];
    }
  }
  return best;
}
