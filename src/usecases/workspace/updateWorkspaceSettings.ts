import type { AppContext } from '../../context';
import { notFound, unprocessable } from '../../domain/shared/errors';
import { isSendable, templateValuesProblem } from '../../domain/messaging/templates';
import { type FallbackTemplate, type WorkspaceSettings, workspaceSettingsSchema } from '../../domain/workspace/settings';
import type { Repositories } from '../../store/store';
import { scheduleMessageRetention } from '../retention/applyMessageRetention';

export interface UpdateWorkspaceSettingsInput {
  workspaceId: string;
  actorId: string;
  /** Only the keys to change (invite text, invite sentence with {code}, invite expiry in hours). */
  patch: Partial<WorkspaceSettings>;
}

/**
 * An admin edits the workspace's invite wording and lifetime, and its message retention. Invites
 * already sent keep the sentence and expiry they were sent with; the change applies to the next
 * invite. Turning retention on queues its daily sweep. Audited, and
 * `workspace.settings_updated` tells open settings pages.
 */
export async function updateWorkspaceSettings(ctx: AppContext, input: UpdateWorkspaceSettingsInput): Promise<WorkspaceSettings> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const workspace = await repos.workspaces.get(input.workspaceId);
    if (!workspace) throw notFound('workspace_not_found', 'This workspace does not exist.');
    const parsed = workspaceSettingsSchema.safeParse({ ...workspace.settings, ...input.patch });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw unprocessable('invalid_settings', `${issue.path.join('.') || 'settings'}: ${issue.message}`);
    }
    const settings = parsed.data;
    if (input.patch.whatsappFallbackTemplate) await checkFallbackTemplate(repos, workspace.id, input.patch.whatsappFallbackTemplate);
    await repos.workspaces.updateSettings(workspace.id, settings);
    const changed = (Object.keys(input.patch) as (keyof WorkspaceSettings)[]).filter((k) => workspace.settings[k] !== settings[k]);
    await repos.audit.append(
      {
        workspaceId: workspace.id,
        actorType: 'user',
        actorId: input.actorId,
        action: 'workspace.settings_updated',
        subjectType: 'workspace',
        subjectId: workspace.id,
        data: { before: workspace.settings, after: settings, changed },
      },
      now,
    );
    if (settings.messageRetentionDays !== null && workspace.settings.messageRetentionDays === null) {
      await scheduleMessageRetention(repos, workspace.id, now);
    }
    await repos.events.record(workspace.id, 'workspace.settings_updated', { settings, changed, actorId: input.actorId }, now);
    return settings;
  });
}

/** The fallback must be one Braid can send: an approved template of the WhatsApp channel, every variable given. */
async function checkFallbackTemplate(repos: Repositories, workspaceId: string, fallback: FallbackTemplate): Promise<void> {
  const channel = await repos.channels.findByKind(workspaceId, 'whatsapp');
  const template = channel && (await repos.whatsappTemplates.find(workspaceId, channel.id, fallback.name, fallback.language));
  if (!template) {
    throw unprocessable('invalid_settings', `whatsappFallbackTemplate: there is no WhatsApp template ${fallback.name} in ${fallback.language}; refresh the templates and choose again.`);
  }
  if (!isSendable(template)) {
    throw unprocessable('invalid_settings', `whatsappFallbackTemplate: Meta has not approved ${fallback.name} (${fallback.language}); its status is ${template.status}.`);
  }
  const problem = templateValuesProblem(template, fallback.variables);
  if (problem) throw unprocessable('invalid_settings', `whatsappFallbackTemplate: ${problem}`);
}
