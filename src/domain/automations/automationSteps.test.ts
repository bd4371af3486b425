import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import {
  type AutomationStep, HI_PAYLOADS, defaultHiAutomation, nextStepIndex, parseAutomation, pickBranchTarget, stepSchema,
  validateAutomation,
} from './automationSteps';
import { pickAutomation } from './automationTrigger';

const trigger = { mode: 'exact', keywords: ['hi'] };
const withSteps = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ name: 'Test', trigger, steps, ...extra });
const message = (input: unknown) => {
  const result = validateAutomation(input);
  if (result.ok) throw new Error('expected the automation to be refused');
  return result.message;
};

describe('validateAutomation accepts', () => {
  it('every step type, with defaults filled in', () => {
    const result = validateAutomation(
      withSteps([
        { type: 'send_text', text: '  Hello  ' },
        { type: 'send_quick_replies', text: 'Pick', replies: [{ title: 'A', payload: 'A' }] },
        { type: 'send_button_message', text: 'Go', buttons: [{ type: 'web_url', title: 'Open', url: 'https://wa.me/1555' }, { type: 'postback', title: 'Later', payload: 'LATER' }] },
        { type: 'wait', seconds: 600 },
        { type: 'wait', untilReply: true, timeoutSeconds: 60 },
        { type: 'branch', cases: [{ match: { keyword: 'yes' }, goTo: 0 }], otherwise: 'stop' },
        { type: 'assign', to: 'round_robin' },
        { type: 'add_tag', tag: 'lead' },
        { type: 'send_whatsapp_invite' },
        { type: 'stop' },
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.automation.enabled).toBe(true);
    expect(result.automation.stopOnAgentAction).toBe(true);
    expect(result.automation.steps[0]).toEqual({ type: 'send_text', text: 'Hello' });
    expect(result.automation.steps[4]).toEqual({ type: 'wait', untilReply: true, timeoutSeconds: 60, onTimeout: 'stop' });
  });

  it('a loop that goes through a wait (ask again until answered)', () => {
    const steps = [
      { type: 'send_text', text: 'Yes or no?' },
      { type: 'wait', untilReply: true, timeoutSeconds: 600, onTimeout: 'stop' },
      { type: 'branch', cases: [{ match: { keyword: 'yes' }, goTo: 3 }], otherwise: 0 },
      { type: 'stop' },
    ];
    expect(validateAutomation(withSteps(steps)).ok).toBe(true);
  });

  it('the default Hi automation', () => {
    const hi = defaultHiAutomation();
    const result = validateAutomation(hi, { channelKind: 'instagram' });
    expect(result).toEqual({ ok: true, automation: hi });
  });
});

describe('validateAutomation refuses, pointing at the step', () => {
  it.each<[string, unknown[], string]>([
    ['empty text', [{ type: 'send_text', text: '  ' }], 'Step 1 (send_text): the text is empty'],
    ['missing text', [{ type: 'stop' }, { type: 'send_text' }], 'Step 2 (send_text): the text is missing'],
    ['unknown type', [{ type: 'stop' }, { type: 'stop' }, { type: 'send_gif' }], 'Step 3: unknown step type "send_gif"'],
    ['no type', [{ text: 'hi' }], 'Step 1: the step has no type'],
    ['wait under one second', [{ type: 'wait', seconds: 0.5 }], 'Step 1 (wait): the wait must be a whole number of seconds'],
    ['wait of zero', [{ type: 'wait', seconds: 0 }], 'Step 1 (wait): the wait is under one second'],
    ['wait over 30 days', [{ type: 'wait', seconds: 30 * 86400 + 1 }], 'Step 1 (wait): the wait is over 30 days'],
    ['wait without duration', [{ type: 'wait' }], 'Step 1 (wait): the wait is missing'],
    ['timeout over 30 days', [{ type: 'wait', untilReply: true, timeoutSeconds: 31 * 86400 }], 'Step 1 (wait): the timeout is over 30 days'],
    ['both kinds of wait', [{ type: 'wait', untilReply: true, seconds: 5, timeoutSeconds: 5 }], 'Step 1 (wait): give either seconds or untilReply'],
    ['branch without target', [{ type: 'branch', cases: [] }], 'Step 1 (branch): the branch has no target'],
    ['case matching nothing', [{ type: 'branch', cases: [{ match: {}, goTo: 0 }], otherwise: 'stop' }], 'Step 1 (branch): case 1: matches nothing'],
    ['case without goTo', [{ type: 'branch', cases: [{ match: { keyword: 'x' } }], otherwise: 'stop' }], 'Step 1 (branch): case 1: the case has no target'],
    ['long quick reply title', [{ type: 'send_quick_replies', text: 'x', replies: [{ title: 'ok', payload: 'a' }, { title: 'Continue on WhatsApp!', payload: 'b' }] }], 'Step 1 (send_quick_replies): quick reply 2: the title is longer than 20 characters'],
    ['too many quick replies', [{ type: 'send_quick_replies', text: 'x', replies: Array.from({ length: 14 }, (_, i) => ({ title: `r${i}`, payload: `p${i}` })) }], 'use at most 13 quick replies'],
    ['no buttons', [{ type: 'send_button_message', text: 'x', buttons: [] }], 'Step 1 (send_button_message): add at least one button'],
    ['four buttons', [{ type: 'send_button_message', text: 'x', buttons: Array(4).fill({ type: 'postback', title: 't', payload: 'p' }) }], 'use at most 3 buttons'],
    ['long button text', [{ type: 'send_button_message', text: 'x'.repeat(641), buttons: [{ type: 'postback', title: 't', payload: 'p' }] }], 'the text is longer than 640 characters'],
    ['bad url', [{ type: 'send_button_message', text: 'x', buttons: [{ type: 'web_url', title: 't', url: 'javascript:alert(1)' }] }], 'Step 1 (send_button_message): button 1: the URL must be a full http'],
    ['bad button type', [{ type: 'send_button_message', text: 'x', buttons: [{ type: 'call', title: 't' }] }], 'button 1: the button type must be web_url or postback'],
    ['assign nobody', [{ type: 'assign', to: '' }], "Step 1 (assign): say who to assign to"],
    ['empty tag', [{ type: 'add_tag', tag: '' }], 'Step 1 (add_tag): the tag is empty'],
  ])('%s', (_name, steps, expected) => {
    expect(message(withSteps(steps))).toContain(expected);
  });

  it('a case that goes past the end', () => {
    const steps = [
      { type: 'send_text', text: 'a' }, { type: 'send_text', text: 'b' },
      { type: 'branch', cases: [{ match: { payload: 'X' }, goTo: 8 }], otherwise: 'stop' },
      { type: 'stop' }, { type: 'stop' },
    ];
    expect(message(withSteps(steps))).toBe('Step 3 (branch): case 1 goes to step 9 (goTo 8), but there are only 5 steps.');
  });

  it('otherwise and onTimeout past the end', () => {
    expect(message(withSteps([{ type: 'branch', otherwise: 3 }]))).toBe('Step 1 (branch): otherwise goes to step 4 (otherwise 3), but there are only 1 steps.');
    expect(message(withSteps([{ type: 'stop' }, { type: 'wait', untilReply: true, timeoutSeconds: 9, onTimeout: 2 }]))).toMatch(/^Step 2 \(wait\): on timeout goes to step 3/);
  });

  it('a loop with no wait', () => {
    const steps = [{ type: 'send_text', text: 'spam' }, { type: 'branch', otherwise: 0 }];
    expect(message(withSteps(steps))).toBe('Step 2 (branch): going to step 1 makes a loop with no wait in it, so the automation would never end.');
    expect(message(withSteps([{ type: 'branch', otherwise: 0 }]))).toMatch(/^Step 1 \(branch\): going to step 1 makes a loop/);
  });

  it('the automation itself', () => {
    expect(message('hi')).toBe('The automation must be a JSON object.');
    expect(message({ trigger })).toBe('Add at least one step.');
    expect(message({ trigger, steps: Array(51).fill({ type: 'stop' }) })).toMatch(/at most 50 steps/);
    expect(message({ trigger: { mode: 'exact', keywords: [] }, steps: [{ type: 'stop' }] })).toBe('Trigger: add at least one keyword for the exact mode');
    expect(message({ trigger: { mode: 'exact', keywords: ['hi', '👋'] }, steps: [{ type: 'stop' }] })).toBe('Trigger: keyword 2: "👋" has no letters or digits, so it can never match');
    expect(message({ trigger: { mode: 'sometimes', keywords: ['x'] }, steps: [{ type: 'stop' }] })).toMatch(/^Trigger: the mode must be one of exact/);
  });

  it('channel rules for WhatsApp automations', () => {
    const invite = validateAutomation(withSteps([{ type: 'send_whatsapp_invite' }]), { channelKind: 'whatsapp' });
    expect(invite.ok).toBe(false);
    const replies = Array.from({ length: 4 }, (_, i) => ({ title: `r${i}`, payload: `p${i}` }));
    const many = validateAutomation(withSteps([{ type: 'send_quick_replies', text: 'x', replies }]), { channelKind: 'whatsapp' });
    expect(many.ok ? '' : many.message).toMatch(/at most 3 reply buttons/);
  });

  it('parseAutomation throws a 422 with the step', () => {
    try {
      parseAutomation(withSteps([{ type: 'stop' }, { type: 'send_text', text: '' }]));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
      expect((error as AppError).details).toEqual({ step: 1, path: ['steps', '1', 'text'] });
    }
  });
});

describe('running steps', () => {
  const hi = defaultHiAutomation();
  const branch = hi.steps[3] as Extract<AutomationStep, { type: 'branch' }>;

  it('the default Hi automation starts on greetings and offers both choices', () => {
    for (const text of ['Hi', 'hi!', 'HELLO 👋', 'hey', 'Hí there']) expect(pickAutomation([hi], text, { isFirstMessage: false })).toBe(hi);
    expect(pickAutomation([hi], 'hi, where is my order?', { isFirstMessage: true })).toBeNull();
    const quick = hi.steps[1];
    expect(quick.type === 'send_quick_replies' && quick.replies.map((r) => r.title)).toEqual(['Talk to an agent', 'Continue on WhatsApp']);
  });

  it('branches on the quick-reply payload, then on typed keywords', () => {
    expect(hi.steps[pickBranchTarget(branch, { text: 'Continue on WhatsApp', payload: HI_PAYLOADS.continueOnWhatsApp }) as number].type).toBe('send_whatsapp_invite');
    const agent = pickBranchTarget(branch, { text: 'Talk to an agent', payload: HI_PAYLOADS.talkToAgent }) as number;
    expect(hi.steps.slice(agent, agent + 3).map((s) => s.type)).toEqual(['send_text', 'assign', 'stop']);
    expect(pickBranchTarget(branch, { text: 'whatsapp please', payload: null })).toBe(4);
    expect(pickBranchTarget(branch, { text: 'something else', payload: null })).toBe(6);
    expect(pickBranchTarget(branch, null)).toBe(6);
  });

  it('nextStepIndex ends at stop and past the last step', () => {
    expect(nextStepIndex(hi.steps, 0)).toBe(1);
    expect(nextStepIndex(hi.steps, 8)).toBeNull();
    expect(nextStepIndex(hi.steps, 3, 'stop')).toBeNull();
    expect(nextStepIndex(hi.steps, 3, 6)).toBe(6);
  });

  it('stepSchema parses one stored step and refuses unknown ones', () => {
    expect(stepSchema.parse({ type: 'wait', seconds: 5 })).toEqual({ type: 'wait', seconds: 5 });
    expect(stepSchema.safeParse({ type: 'teleport' }).success).toBe(false);
    expect(stepSchema.safeParse({ type: 'send_text', text: '' }).success).toBe(false);
  });
});
