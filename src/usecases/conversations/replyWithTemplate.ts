import type { AppContext } from '../../context';
import { isSendable, renderTemplate, templateSendComponents, templateValuesProblem } from '../../domain/messaging/templates';
import type { ChannelKind } from '../../domain/shared/channelKind';
import { badRequest, conflict, notFound } from '../../domain/shared/errors';
import type { Conversation } from '../../store/repositories/conversations';
import type { Message } from '../../store/repositories/messages';
import { queueOutboundMessage } from '../messages/steps/queueOutboundMessage';
import { requireConversation } from './steps/loadConversationView';
import { siblingOn } from './steps/siblingOn';

export interface TemplateReplyInput {
  workspaceId: string;
  agentId: string;
  conversationId: string;
  template: { name: string; language: string };
  /** In the order the template's variables are listed (body, then header, then button links). */
  variables: string[];
  /** The contact's WhatsApp conversation when the agent is in its Instagram one. */
  channel?: ChannelKind;
}

/**
 * An agent sends an approved WhatsApp template: allowed whether the 24-hour window is open or
 * not. The row shows the message as the customer reads it; the send job carries Meta's
 * components, and Meta's template errors (132000, 132001, 132005, 132007) land on the row.
 */
export async function replyWithTemplate(ctx: AppContext, input: TemplateReplyInput): Promise<{ message: Message; conversation: Conversation }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const asked = await requireConversation(repos, input.workspaceId, input.conversationId);
    const conversation = input.channel && input.channel !== asked.kind ? await siblingOn(repos, asked, input.channel) : asked;
    if (conversation.kind !== 'whatsapp') {
      throw badRequest('unsupported_content', 'Message templates are a WhatsApp feature; reply on WhatsApp to send one.');
    }
    const template = await repos.whatsappTemplates.find(conversation.workspaceId, conversation.channelId, input.template.name, input.template.language);
    if (!template) {
      throw notFound('template_not_found', `There is no WhatsApp template ${input.template.name} in ${input.template.language}. Refresh the templates and choose again.`);
    }
    if (!isSendable(template)) {
      throw conflict('template_not_approved', `Meta has not approved the template ${template.name} (${template.language}); its status is ${template.status}. Only approved templates can be sent.`);
    }
    const problem = templateValuesProblem(template, input.variables);
    if (problem) throw badRequest('template_variables', problem);
    const message = await queueOutboundMessage(repos, {
      conversation,
      content: {
        kind: 'template',
        name: template.name,
        language: template.language,
        text: renderTemplate(template, input.variables),
        components: templateSendComponents(template, input.variables),
      },
      sentBy: 'agent',
      authorId: input.agentId,
      now,
    });
    await repos.events.record(conversation.workspaceId, 'conversation.updated', { conversationId: conversation.id }, now);
    return { message, conversation };
  });
}
