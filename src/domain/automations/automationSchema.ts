import { z } from 'zod';
import { TRIGGER_MODES, normalizeTriggerText } from './automationTrigger';
import { webLinkSchema } from '../messaging/outbound';

/**
 * The shape of an automation: a trigger and an ordered list of steps. Step limits are Meta's
 * (quick reply titles ≤ 20 characters and ≤ 13 replies, button template text ≤ 640 characters
 * with 1–3 buttons, Instagram text ≤ 1000), so an automation that saves is one Meta will accept.
 * Messages are written to follow "Step 3 (branch): " — see validateAutomation.
 *
 * Step targets (`goTo`, `otherwise`, `onTimeout`) are 0-based indexes into `steps`, or "stop".
 */

export const MIN_WAIT_SECONDS = 1;
export const MAX_WAIT_SECONDS = 30 * 24 * 60 * 60;
export const MAX_STEPS = 50;

const required = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? `${what} is missing` : `${what} has the wrong type`),
});

const text = (what: string, max: number) =>
  z
    .string(required(what))
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} is longer than ${max} characters`);

const stepTarget = (what: string) =>
  z.union([z.number().int().min(0), z.literal('stop')], {
    error: (issue) =>
      issue.input === undefined
        ? `${what} has no target: give a step index or "stop"`
        : `${what} must be a step index (0 for the first step) or "stop"`,
  });
export type StepTarget = number | 'stop';

const seconds = (what: string) =>
  z
    .number(required(what))
    .int(`${what} must be a whole number of seconds`)
    .min(MIN_WAIT_SECONDS, `${what} is under one second`)
    .max(MAX_WAIT_SECONDS, `${what} is over 30 days`);

export const triggerSchema = z
  .object({
    mode: z.enum(TRIGGER_MODES, { error: `the mode must be one of ${TRIGGER_MODES.join(', ')}` }).default('exact'),
    keywords: z.array(text('a keyword', 100)).max(20, 'use at most 20 keywords').default([]),
  })
  .superRefine((trigger, ctx) => {
    if (trigger.mode !== 'any_first_message' && trigger.keywords.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['keywords'], message: `add at least one keyword for the ${trigger.mode} mode` });
    }
    trigger.keywords.forEach((keyword, i) => {
      if (!normalizeTriggerText(keyword)) {
        ctx.addIssue({ code: 'custom', path: ['keywords', i], message: `"${keyword}" has no letters or digits, so it can never match` });
      }
    });
  });

export const sendTextStep = z.object({ type: z.literal('send_text'), text: text('the text', 1000) });

export const quickReplySchema = z.object({ title: text('the title', 20), payload: text('the payload', 1000) });
export const sendQuickRepliesStep = z.object({
  type: z.literal('send_quick_replies'),
  text: text('the text', 1000),
  replies: z.array(quickReplySchema, required('the list of replies')).min(1, 'add at least one quick reply').max(13, 'use at most 13 quick replies'),
});

const webUrlButton = z.object({
  type: z.literal('web_url'),
  title: text('the title', 20),
  url: webLinkSchema,
});
const postbackButton = z.object({ type: z.literal('postback'), title: text('the title', 20), payload: text('the payload', 1000) });
export const buttonSchema = z.discriminatedUnion('type', [webUrlButton, postbackButton], {
  error: 'the button type must be web_url or postback',
});
export const sendButtonMessageStep = z.object({
  type: z.literal('send_button_message'),
  text: text('the text', 640),
  buttons: z.array(buttonSchema, required('the list of buttons')).min(1, 'add at least one button').max(3, 'use at most 3 buttons'),
});

export type WaitStep =
  | { type: 'wait'; seconds: number }
  | { type: 'wait'; untilReply: true; timeoutSeconds: number; onTimeout: StepTarget };
export const waitStep: z.ZodType<WaitStep> = z
  .object({
    type: z.literal('wait'),
    seconds: z.unknown().optional(),
    untilReply: z.boolean('untilReply must be true or false').optional(),
    timeoutSeconds: z.unknown().optional(),
    onTimeout: z.unknown().optional(),
  })
  .transform((step, ctx): WaitStep => {
    const parse = <T>(schema: z.ZodType<T>, value: unknown, path: string): T => {
      const parsed = schema.safeParse(value);
      if (!parsed.success) ctx.addIssue({ code: 'custom', path: [path], message: parsed.error.issues[0].message });
      return parsed.data as T;
    };
    if (step.untilReply) {
      if (step.seconds !== undefined) ctx.addIssue({ code: 'custom', path: ['seconds'], message: 'give either seconds or untilReply, not both' });
      const timeoutSeconds = parse(seconds('the timeout'), step.timeoutSeconds, 'timeoutSeconds');
      const onTimeout = parse(stepTarget('the timeout'), step.onTimeout ?? 'stop', 'onTimeout');
      return { type: 'wait', untilReply: true, timeoutSeconds, onTimeout };
    }
    return { type: 'wait', seconds: parse(seconds('the wait'), step.seconds, 'seconds') };
  });

export const branchCaseSchema = z
  .object({
    match: z.object({ payload: text('the payload', 1000).optional(), keyword: text('the keyword', 100).optional() }, required('the match')),
    goTo: stepTarget('the case'),
  })
  .refine((c) => c.match.payload !== undefined || c.match.keyword !== undefined, {
    message: 'matches nothing: give a payload or a keyword',
    path: ['match'],
  });
export const branchStep = z.object({
  type: z.literal('branch'),
  cases: z.array(branchCaseSchema).max(20, 'use at most 20 cases').default([]),
  otherwise: stepTarget('the branch'),
});

export const assignStep = z.object({
  type: z.literal('assign'),
  to: z.string(required('who to assign to')).trim().min(1, `say who to assign to: an agent's id or "round_robin"`),
});
export const addTagStep = z.object({ type: z.literal('add_tag'), tag: text('the tag', 50) });
export const sendWhatsAppInviteStep = z.object({ type: z.literal('send_whatsapp_invite') });
export const stopStep = z.object({ type: z.literal('stop') });

/** Each step type with its schema; the keys are the step types an automation may use. */
export const STEP_SCHEMAS = {
  send_text: sendTextStep,
  send_quick_replies: sendQuickRepliesStep,
  send_button_message: sendButtonMessageStep,
  wait: waitStep,
  branch: branchStep,
  assign: assignStep,
  add_tag: addTagStep,
  send_whatsapp_invite: sendWhatsAppInviteStep,
  stop: stopStep,
} as const;
export type StepType = keyof typeof STEP_SCHEMAS;
export const STEP_TYPES = Object.keys(STEP_SCHEMAS) as StepType[];

export type AutomationStep = { [K in StepType]: z.output<(typeof STEP_SCHEMAS)[K]> }[StepType];
export type AutomationStepOf<K extends StepType> = z.output<(typeof STEP_SCHEMAS)[K]>;

/** Any one step: the schema to use when a single step arrives on its own (e.g. stored JSON). */
export const stepSchema: z.ZodType<AutomationStep> = z.custom<unknown>().transform((value, ctx) => {
  const type = (value as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' ? (STEP_SCHEMAS as Record<string, z.ZodType>)[type] : undefined;
  if (!schema) {
    ctx.addIssue({ code: 'custom', message: `unknown step type ${JSON.stringify(type)}` });
    return z.NEVER;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message });
    return z.NEVER;
  }
  return parsed.data as AutomationStep;
});

/** Everything of an automation but its steps (they get step-by-step messages). */
export const automationHeadSchema = z.object({
  name: text('the name', 80).default('Automation'),
  enabled: z.boolean('enabled must be true or false').default(true),
  trigger: triggerSchema,
  /** An agent's reply or assignment stops the run, so the bot never talks over a person. */
  stopOnAgentAction: z.boolean('stopOnAgentAction must be true or false').default(true),
  /** After a run completes, the same conversation may start it again only after this long. */
  cooldownSeconds: z.number().int().min(0).max(MAX_WAIT_SECONDS, 'the cool-down is over 30 days').default(3600),
});

export type AutomationTriggerInput = z.output<typeof triggerSchema>;
export type Automation = z.output<typeof automationHeadSchema> & { steps: AutomationStep[] };
