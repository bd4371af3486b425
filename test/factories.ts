import { newId } from '../src/domain/shared/ids';
import type { AppContext } from '../src/context';
import type { Role } from '../src/store/schema';
import { createAgent } from '../src/usecases/agents/createAgent';
import { ApiClient } from './http';
import { createDefaultAutomations } from '../src/usecases/automations/steps/createDefaultAutomations';

export const TEST_PASSWORD = 'correct horse battery';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A workspace of its own (so tests never see each other's rows), with an admin and an agent. */
export async function createWorkspace(ctx: AppContext, options: { channels?: boolean; automations?: boolean } = {}) {
  const now = ctx.clock.now();
  const workspace = await ctx.store.repos.workspaces.create({ id: newId(), name: `Workspace ${unique()}` }, now);
  const admin = await createUser(ctx, workspace.id, 'admin');
  const agent = await createUser(ctx, workspace.id, 'agent');
  let instagram, whatsapp;
  if (options.channels !== false) {
    instagram = await ctx.store.repos.channels.create(
      { id: newId(), workspaceId: workspace.id, kind: 'instagram', name: 'Instagram', externalId: `ig-${unique()}` },
      now,
    );
    // A new Instagram channel ships with the default "Hi" automation, as in production.
    if (options.automations !== false) await createDefaultAutomations(ctx.store.repos, { channel: instagram, now });
    whatsapp = await ctx.store.repos.channels.create(
      { id: newId(), workspaceId: workspace.id, kind: 'whatsapp', name: 'WhatsApp', externalId: `wa-${unique()}` },
      now,
    );
  }
  return { workspace, admin, agent, instagram: instagram!, whatsapp: whatsapp! };
}

export async function createUser(ctx: AppContext, workspaceId: string, role: Role, email = `${role}-${unique()}@braid.test`) {
  return createAgent(ctx, { workspaceId, actorId: null, email, name: `${role} ${unique()}`, role, password: TEST_PASSWORD });
}

/** A workspace of its own with its agent and admin signed in over HTTP (ApiClient keeps each cookie). */
export async function signedInWorkspace(braid: { ctx: AppContext; url: string }, options: { channels?: boolean } = {}) {
  const ws = await createWorkspace(braid.ctx, options);
  const agentApi = new ApiClient(braid.url);
  await agentApi.signIn(ws.agent.email, TEST_PASSWORD);
  const adminApi = new ApiClient(braid.url);
  await adminApi.signIn(ws.admin.email, TEST_PASSWORD);
  return { ...ws, agentApi, adminApi };
}
