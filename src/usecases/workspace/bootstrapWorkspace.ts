import type { AppContext } from '../../context';
import { newId } from '../../domain/shared/ids';
import type { Workspace } from '../../store/repositories/workspaces';
import { issueSetupToken } from '../auth/issueSetupToken';
import { createAgent } from '../agents/createAgent';
import { createDefaultAutomations } from '../automations/steps/createDefaultAutomations';

export interface BootstrapResult {
  workspace: Workspace;
  /** Set when no user exists and no admin was configured: print it once. */
  setupUrl?: string;
}

/**
 * First start and every start after: makes sure the workspace, its channels from the
 * configuration and its first admin exist. Idempotent, so restarts change nothing.
 */
export async function bootstrapWorkspace(ctx: AppContext): Promise<BootstrapResult> {
  const { repos } = ctx.store;
  const now = ctx.clock.now();
  let workspace = await repos.workspaces.first();
  if (!workspace) workspace = await repos.workspaces.create({ id: newId(), name: 'Braid' }, now);

  const { instagram, whatsapp } = ctx.config.meta;
  if (instagram.accountId && !(await repos.channels.findByExternalId('instagram', instagram.accountId))) {
    // The channel and its default "Hi" automation exist together or not at all.
    await ctx.store.transaction(async (trx) => {
      const channel = await trx.channels.create(
        { id: newId(), workspaceId: workspace.id, kind: 'instagram', name: 'Instagram', externalId: instagram.accountId },
        now,
      );
      await createDefaultAutomations(trx, { channel, now });
    });
  }
  if (whatsapp.phoneNumberId && !(await repos.channels.findByExternalId('whatsapp', whatsapp.phoneNumberId))) {
    await repos.channels.create(
      { id: newId(), workspaceId: workspace.id, kind: 'whatsapp', name: 'WhatsApp', externalId: whatsapp.phoneNumberId },
      now,
    );
  }

  if ((await repos.users.countInWorkspace(workspace.id)) > 0) return { workspace };
  const admin = ctx.config.admin;
  if (admin) {
    await createAgent(ctx, {
      workspaceId: workspace.id,
      actorId: null,
      email: admin.email,
      name: 'Admin',
      role: 'admin',
      password: admin.password,
    });
    return { workspace };
  }
  const token = await issueSetupToken(ctx, workspace.id);
  return { workspace, setupUrl: `${ctx.config.publicUrl}/setup?token=${token}` };
}
