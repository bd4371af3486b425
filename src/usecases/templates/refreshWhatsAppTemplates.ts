import type { AppContext } from '../../context';
import { isAppError } from '../../domain/shared/errors';
import { describeTemplate, listWhatsAppTemplates, type TemplateView } from './listWhatsAppTemplates';
import { syncWhatsAppTemplates } from './syncWhatsAppTemplates';

/**
 * An agent asks for the templates now. Meta refusing or unreachable is not the agent's mistake nor
 * Braid's failure: the answer is the copy Braid has, with Meta's reason beside it, so the list
 * stays usable and the reason is shown.
 */
export async function refreshWhatsAppTemplates(
  ctx: AppContext,
  input: { workspaceId: string; channelId?: string },
): Promise<{ templates: TemplateView[]; refreshError?: string }> {
  try {
    return { templates: (await syncWhatsAppTemplates(ctx, input)).map(describeTemplate) };
  } catch (error) {
    if (!isAppError(error) || error.code !== 'templates_unavailable') throw error;
    return { templates: await listWhatsAppTemplates(ctx, input), refreshError: error.message };
  }
}
