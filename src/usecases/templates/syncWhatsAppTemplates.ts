import { GraphApiError } from '../../channels/meta/graphApi';
import type { AppContext } from '../../context';
import { unavailable } from '../../domain/shared/errors';
import type { StoredTemplate } from '../../store/repositories/whatsappTemplates';
import { requireWhatsAppChannel } from './steps/requireWhatsAppChannel';

export interface SyncTemplatesInput {
  workspaceId: string;
  /** Defaults to the workspace's WhatsApp channel. */
  channelId?: string;
}

/**
 * Reads every message template of the channel's business account from Meta, all pages, and makes
 * Braid's copy match it: new ones appear, removed ones go, a status Meta changed (approved,
 * rejected, paused) is taken over. Meta refusing or unreachable leaves the old copy as it was.
 */
export async function syncWhatsAppTemplates(ctx: AppContext, input: SyncTemplatesInput): Promise<StoredTemplate[]> {
  const channel = await requireWhatsAppChannel(ctx.store.repos, input.workspaceId, input.channelId);
  let templates;
  try {
    templates = await ctx.graph.whatsapp.listTemplates();
  } catch (error) {
    if (!(error instanceof GraphApiError)) throw error;
    throw unavailable('templates_unavailable', `Meta did not list the WhatsApp templates: ${(error.details ?? error.message).replace(/^\(#\d+\)\s*/, '')}`, {
      code: error.code ?? null,
    });
  }
  const now = ctx.clock.now();
  await ctx.store.transaction(async (repos) => {
    await repos.whatsappTemplates.replaceForChannel(channel.workspaceId, channel.id, templates, now);
    await repos.events.record(channel.workspaceId, 'templates.updated', { channelId: channel.id }, now);
  });
  return ctx.store.repos.whatsappTemplates.listForChannel(channel.workspaceId, channel.id);
}
