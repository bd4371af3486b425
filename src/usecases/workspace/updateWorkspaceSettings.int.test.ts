import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorkspace, TEST_PASSWORD } from '../../../test/factories';
import { startTestBraid, type TestBraid } from '../../../test/harness';
import { ApiClient } from '../../../test/http';
import { addCustomer } from '../../../test/mergeFixtures';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

it('admins edit the invite text, sentence and expiry; the next invite uses them', async () => {
  const { admin, agent, instagram, workspace } = await createWorkspace(braid.ctx);
  const adminApi = new ApiClient(braid.url);
  await adminApi.signIn(admin.email, TEST_PASSWORD);
  const agentApi = new ApiClient(braid.url);
  await agentApi.signIn(agent.email, TEST_PASSWORD);

  expect((await adminApi.get('/api/workspace/settings')).body.settings).toMatchObject({ inviteExpiryHours: 24, inviteSentence: expect.stringContaining('{code}') });
  expect((await agentApi.patch('/api/workspace/settings', { inviteExpiryHours: 2 })).status).toBe(403);
  const noCode = await adminApi.patch('/api/workspace/settings', { inviteSentence: 'Link me please' });
  expect(noCode.status).toBe(400);
  expect(noCode.body.error.message).toContain('{code}');

  const patched = await adminApi.patch('/api/workspace/settings', { inviteText: 'Chat with us on WhatsApp?', inviteSentence: 'Olá! Código {code}', inviteExpiryHours: 48 });
  expect(patched.status, patched.text).toBe(200);
  expect(patched.body.settings).toEqual({ inviteText: 'Chat with us on WhatsApp?', inviteSentence: 'Olá! Código {code}', inviteExpiryHours: 48, whatsappFallbackTemplate: null, messageRetentionDays: null });
  const audit = await braid.ctx.store.kysely.selectFrom('audit_events').select(['action', 'actor_id']).where('subject_id', '=', workspace.id).execute();
  expect(audit).toEqual([{ action: 'workspace.settings_updated', actor_id: admin.id }]);

  const ig = await addCustomer(braid.ctx, instagram, { username: 'wording' });
  const sent = await agentApi.post(`/api/conversations/${ig.conversation.id}/whatsapp-invite`);
  expect(sent.status).toBe(201);
  expect(sent.body.invite.expiresAt - sent.body.invite.createdAt).toBe(48 * 60 * 60 * 1000);
  const message = await braid.ctx.store.repos.messages.get(workspace.id, sent.body.messageId);
  const content = message!.payload.outbound as { text: string; buttons: { url: string }[] };
  expect(content.text).toBe('Chat with us on WhatsApp?');
  expect(decodeURIComponent(content.buttons[0].url.split('?text=')[1])).toMatch(/^Olá! Código [0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
});
