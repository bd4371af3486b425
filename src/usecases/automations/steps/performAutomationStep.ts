import type { AppContext } from '../../../context';
import type { AutomationStep, CustomerReply, StepTarget } from '../../../domain/automations/automationSteps';
import { pickBranchTarget } from '../../../domain/automations/automationSteps';
import type { OutboundContent } from '../../../domain/messaging/outbound';
import { replyWindowClosedMessage } from '../../../domain/messaging/replyWindow';
import type { AutomationRun } from '../../../store/repositories/automationRuns';
import type { StoredAutomation } from '../../../store/repositories/automations';
import type { Conversation } from '../../../store/repositories/conversations';
import type { Message } from '../../../store/repositories/messages';
import type { Repositories } from '../../../store/store';
import { queueOutboundMessage } from '../../messages/steps/queueOutboundMessage';
import { fallbackTemplateContent } from '../../templates/steps/fallbackTemplate';
import { assignFromAutomation } from './assignFromAutomation';
import type { InviteStepResult } from '../sendInviteFromAutomation';
import { describeDuration, quoteText } from './recordRunItem';

export interface StepScope {
  ctx: AppContext;
  repos: Repositories;
  run: AutomationRun;
  automation: StoredAutomation;
  conversation: Conversation;
  now: number;
  /** The invite step's result: the invite use case commits on its own, before the step is recorded. */
  invite?: InviteStepResult;
}

/** What a step did, and where the run goes from it. `note` is the line shown in the thread. */
export type StepOutcome =
  | { kind: 'next'; note: string; target?: StepTarget; stopReason?: string }
  | { kind: 'wait'; note: string; until: number; forReply: boolean }
  | { kind: 'end'; state: 'completed' | 'failed'; reason: string; note?: string };

const SENDS = new Set<AutomationStep['type']>(['send_text', 'send_quick_replies', 'send_button_message', 'send_whatsapp_invite']);

/** Steps that put a message in front of the customer: they wait for earlier sends and need the reply window. */
export function stepSends(step: AutomationStep): boolean {
  return SENDS.has(step.type);
}

/** Executes one step inside the run's transaction; every effect is a row written here. */
export async function performAutomationStep(scope: StepScope, step: AutomationStep, index: number): Promise<StepOutcome> {
  const { repos, run, conversation, now } = scope;
  const where = `Step ${index + 1}`;

  if (stepSends(step) && step.type !== 'send_whatsapp_invite') {
    const closed = replyWindowClosedMessage(conversation.kind, conversation.lastInboundAt, now);
    if (closed) {
      // WhatsApp still takes an approved template: the workspace's chosen one stands in for the step's text.
      const template = await fallbackTemplateContent(repos, conversation);
      if (!template) return { kind: 'end', state: 'failed', reason: closed };
      await queueOutboundMessage(repos, {
        conversation,
        content: template,
        sentBy: 'automation',
        authorId: null,
        now,
        meta: { automationRunId: run.id, automationId: run.automationId, stepIndex: index },
      });
      return { kind: 'next', note: `${where}: the WhatsApp window is closed, so sent the template ${template.name} (${template.language}) instead.` };
    }
  }

  switch (step.type) {
    case 'send_text':
    case 'send_quick_replies':
    case 'send_button_message': {
      const content = contentOf(step);
      await queueOutboundMessage(repos, {
        conversation,
        content,
        sentBy: 'automation',
        authorId: null,
        now,
        meta: { automationRunId: run.id, automationId: run.automationId, stepIndex: index },
      });
      const what = { send_text: 'a text', send_quick_replies: 'quick replies', send_button_message: 'a button message' }[step.type];
      return { kind: 'next', note: `${where}: sent ${what}.` };
    }
    case 'wait':
      if ('untilReply' in step) {
        const within = describeDuration(step.timeoutSeconds);
        return { kind: 'wait', forReply: true, until: now + step.timeoutSeconds * 1000, note: `${where}: waiting up to ${within} for the customer's reply.` };
      }
      return { kind: 'wait', forReply: false, until: now + step.seconds * 1000, note: `${where}: waiting ${describeDuration(step.seconds)}.` };
    case 'branch': {
      const reply = run.replyMessageId ? await repos.messages.get(run.workspaceId, run.replyMessageId) : undefined;
      const answer = reply ? customerReplyOf(reply) : null;
      const target = pickBranchTarget(step, answer);
      const heard = answer ? `the reply "${quoteText(answer.text ?? answer.payload)}"` : 'no reply';
      const to = target === 'stop' ? 'stop' : `step ${target + 1}`;
      return { kind: 'next', target, note: `${where}: ${heard} leads to ${to}.`, stopReason: `${where} ended the sequence on ${heard}.` };
    }
    case 'assign':
      return { kind: 'next', note: `${where}: ${await assignFromAutomation(scope, step.to)}` };
    case 'add_tag': {
      const identity = await repos.identities.get(run.workspaceId, conversation.identityId);
      const contact = identity && (await repos.contacts.resolve(run.workspaceId, identity.contactId));
      if (!contact) return { kind: 'next', note: `${where}: no contact to tag.` };
      await repos.contacts.addTag(contact.id, step.tag, now);
      await repos.events.record(run.workspaceId, 'contact.updated', { contactId: contact.id }, now);
      return { kind: 'next', note: `${where}: tagged the contact "${step.tag}".` };
    }
    case 'send_whatsapp_invite': {
      const result = scope.invite;
      if (!result) throw new Error('the invite step runs only with the invite already sent');
      if (!result.ok) return { kind: 'end', state: 'failed', reason: result.reason };
      return { kind: 'next', note: `${where}: sent a WhatsApp invite with a Connect button.` };
    }
    case 'stop':
      return { kind: 'end', state: 'completed', reason: `${where} stops the sequence.` };
  }
}

function contentOf(step: Extract<AutomationStep, { type: 'send_text' | 'send_quick_replies' | 'send_button_message' }>): OutboundContent {
  switch (step.type) {
    case 'send_text':
      return { kind: 'text', text: step.text };
    case 'send_quick_replies':
      return { kind: 'quick_replies', text: step.text, replies: step.replies };
    case 'send_button_message':
      return { kind: 'buttons', text: step.text, buttons: step.buttons };
  }
}

/**
 * What the customer answered, from a stored inbound message: the text, and the payload of a tapped
 * Instagram quick reply or postback button, or of a WhatsApp reply button.
 */
export function customerReplyOf(message: Message): CustomerReply {
  const p = message.payload as {
    quickReplyPayload?: unknown;
    postback?: { payload?: unknown; title?: unknown };
    interactive?: { id?: unknown; title?: unknown };
  };
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  const payload = str(p.quickReplyPayload) ?? str(p.postback?.payload) ?? str(p.interactive?.id);
  const text = message.text ?? str(p.postback?.title) ?? str(p.interactive?.title);
  return { text, payload };
}
