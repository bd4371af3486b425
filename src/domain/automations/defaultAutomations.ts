import type { Automation } from './automationSchema';

/** The quick-reply payloads of the default "Hi" automation; its branch routes on them. */
export const HI_PAYLOADS = { talkToAgent: 'TALK_TO_AGENT', continueOnWhatsApp: 'CONTINUE_ON_WHATSAPP' } as const;

/**
 * The automation a new Instagram channel ships with, enabled, so the guide's "When a customer
 * sends 'Hi' on Instagram, an automated response sequence begins" works out of the box:
 *
 *   1 greet · 2 offer "Talk to an agent" / "Continue on WhatsApp" · 3 wait for the answer (1 h) ·
 *   4 branch on it — WhatsApp: 5 send the invite, 6 stop; agent (or anything else typed):
 *   7 say an agent will reply, 8 assign round robin, 9 stop.
 *
 * Exact mode with common greetings, so "Hi!", "hello 👋" or "Hey" start it but a real question
 * ("hi, where is my order?") goes straight to a person. Unanswered after an hour it simply stops:
 * the conversation stays in the inbox for an agent.
 */
export function defaultHiAutomation(): Automation {
  return {
    name: 'Hi',
    enabled: true,
    trigger: { mode: 'exact', keywords: ['Hi', 'Hello', 'Hey', 'Hi there', 'Hello there', 'Hey there'] },
    stopOnAgentAction: true,
    cooldownSeconds: 3600,
    steps: [
      { type: 'send_text', text: 'Hi! 👋 Thanks for your message.' },
      {
        type: 'send_quick_replies',
        text: 'How would you like to continue?',
        replies: [
          { title: 'Talk to an agent', payload: HI_PAYLOADS.talkToAgent },
          { title: 'Continue on WhatsApp', payload: HI_PAYLOADS.continueOnWhatsApp },
        ],
      },
      { type: 'wait', untilReply: true, timeoutSeconds: 3600, onTimeout: 'stop' },
      {
        type: 'branch',
        cases: [
          { match: { payload: HI_PAYLOADS.continueOnWhatsApp }, goTo: 4 },
          { match: { payload: HI_PAYLOADS.talkToAgent }, goTo: 6 },
          { match: { keyword: 'whatsapp' }, goTo: 4 },
        ],
        otherwise: 6,
      },
      { type: 'send_whatsapp_invite' },
      { type: 'stop' },
      { type: 'send_text', text: 'Thanks! An agent will reply shortly.' },
      { type: 'assign', to: 'round_robin' },
      { type: 'stop' },
    ],
  };
}
