import type { OutboundContent } from '../../../domain/messaging/outbound';
import { isSendable, renderTemplate, templateSendComponents, templateValuesProblem } from '../../../domain/messaging/templates';
import type { Conversation } from '../../../store/repositories/conversations';
import type { Repositories } from '../../../store/store';

export type TemplateContent = Extract<OutboundContent, { kind: 'template' }>;

/**
 * What goes to a WhatsApp customer whose window has closed instead of an automation's or the merge
 * confirmation's free-form text: the workspace's chosen template, or null when none is chosen or
 * it can no longer be sent (Meta withdrew it, its variables changed) — then the caller skips as before.
 */
export async function fallbackTemplateContent(repos: Repositories, conversation: Conversation): Promise<TemplateContent | null> {
  if (conversation.kind !== 'whatsapp') return null;
  const workspace = await repos.workspaces.get(conversation.workspaceId);
  const chosen = workspace?.settings.whatsappFallbackTemplate;
  if (!chosen) return null;
  const template = await repos.whatsappTemplates.find(conversation.workspaceId, conversation.channelId, chosen.name, chosen.language);
  if (!template || !isSendable(template) || templateValuesProblem(template, chosen.variables)) return null;
  return {
    kind: 'template',
    name: template.name,
    language: template.language,
    text: renderTemplate(template, chosen.variables),
    components: templateSendComponents(template, chosen.variables),
  };
}
