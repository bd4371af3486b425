import type { AppContext } from '../../context';
import { newId } from '../../domain/shared/ids';
import type { ChannelKind } from '../../domain/shared/channelKind';
import type { Workspace } from '../../store/repositories/workspaces';
import { issueSetupToken } from '../auth/issueSetupToken';
import { createAgent } from '../agents/createAgent';
import { createDefaultAutomations } from '../automations/steps/createDefaultAutomations';
import { resumeChannelSends } from '../channels/steps/resumeChannelSends';

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
  if (instagram.accountId) await ensureEnvironmentChannel(ctx, workspace.id, 'instagram', instagram.accountId, now);
  if (whatsapp.phoneNumberId) await ensureEnvironmentChannel(ctx, workspace.id, 'whatsapp', whatsapp.phoneNumberId, now);

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

/**
 * The environment variables of before channels were data keep working: they name one account of
 * each kind, which exists as a channel marked "from environment". Its secrets stay in the
 * environment; an account once connected in Settings (or disconnected) that the environment now
 * names is taken over by the environment, its stored secrets dropped.
 */
async function ensureEnvironmentChannel(ctx: AppContext, workspaceId: string, kind: ChannelKind, externalId: string, now: number): Promise<void> {
  const { repos } = ctx.store;
  const existing = await repos.channels.findAnyByExternalId(kind, externalId);
  if (existing) {
    if (existing.source !== 'environment' || existing.disconnectedAt !== null) {
      await repos.channels.reconnect(existing.id, { name: existing.name, source: 'environment', details: existing.details, credentials: null });
    }
    // A restart is how an environment token is replaced: the sends that waited for it go out now.
    if (existing.source !== 'environment' || existing.status === 'needs_attention') {
      await ctx.store.transaction((trx) => resumeChannelSends(trx, existing.id, now));
    }
    return;
  }
  // An Instagram channel and its default "Hi" automation exist together or not at all.
  await ctx.store.transaction(async (trx) => {
    const channel = await trx.channels.create(
      { id: newId(), workspaceId, kind, name: kind === 'instagram' ? 'Instagram' : 'WhatsApp', externalId, source: 'environment' },
      now,
    );
    if (kind === 'instagram') await createDefaultAutomations(trx, { channel, now });
  });
}
