import type { AppContext } from '../../context';
import { isSendable, templateVariables, type TemplateVariable } from '../../domain/messaging/templates';
import type { StoredTemplate } from '../../store/repositories/whatsappTemplates';
import { requireWhatsAppChannel } from './steps/requireWhatsAppChannel';

export interface TemplateView extends StoredTemplate {
  sendable: boolean;
  variables: TemplateVariable[];
}

/** The channel's templates as last synced, each with its variables and whether it can be sent. */
export async function listWhatsAppTemplates(ctx: AppContext, input: { workspaceId: string; channelId?: string }): Promise<TemplateView[]> {
  const channel = await requireWhatsAppChannel(ctx.store.repos, input.workspaceId, input.channelId);
  const templates = await ctx.store.repos.whatsappTemplates.listForChannel(channel.workspaceId, channel.id);
  return templates.map(describeTemplate);
}

export function describeTemplate(template: StoredTemplate): TemplateView {
  return { ...template, sendable: isSendable(template), variables: templateVariables(template) };
}
