import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HI_PAYLOADS } from '../../src/domain/automations/automationSteps';
import { startBraid } from '../../src/main';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

/**
 * Automation runs over real HTTP with the simulated platform: a wait that outlives its worker,
 * agents stepping in, the WhatsApp invite step, and the admin API that refuses what cannot run.
 */
let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

const MINUTE = 60 * 1000;
type Sent = { body: any };
const texts = (sends: Sent[]) => sends.map((s) => s.body?.message?.text ?? s.body?.message?.attachment?.payload?.text ?? null);
const igSends = async (customerId: string) => (await env.platform.sends({ channel: 'instagram', customerId })) as Sent[];

async function conversationOf(customerIgsid: string) {
  const { repos } = env.braid.ctx.store;
  const identity = await repos.identities.findByExternalId(env.instagram.id, customerIgsid);
  return (await repos.conversations.findByIdentity(identity!.id))!;
}

async function runOf(automationId: string, conversationId: string) {
  const runs = await env.agentApi.get(`/api/automations/${automationId}/runs?limit=200`);
  expect(runs.status).toBe(200);
  return runs.body.runs.find((r: { conversationId: string }) => r.conversationId === conversationId);
}

async function hiId(): Promise<string> {
  const list = await env.agentApi.get('/api/automations?channel=instagram');
  return list.body.automations.find((a: { name: string }) => a.name === 'Hi').id;
}

describe('a wait', () => {
  it('resumes at the right time after the worker restarts in the middle of it', async () => {
    const created = await env.adminApi.post('/api/automations', {
      channel: 'instagram',
      name: 'Prices',
      trigger: { mode: 'exact', keywords: ['pricing'] },
      steps: [
        { type: 'send_text', text: 'Let me check our prices.' },
        { type: 'wait', seconds: 600 },
        { type: 'send_text', text: 'Our plans start at 9 € a month.' },
      ],
    });
    expect(created.status).toBe(201);
    const customer = await env.platform.createCustomer({ name: 'Patient' });
    await env.platform.sendInstagramText(customer.id, 'Pricing?');
    await env.settle();
    expect(texts(await igSends(customer.id))).toEqual(['Let me check our prices.']);
    const conversation = await conversationOf(customer.igsid);
    const waiting = await runOf(created.body.automation.id, conversation.id);
    expect(waiting).toMatchObject({ state: 'active', stepIndex: 2, waitingUntil: env.braid.clock.now() + 10 * MINUTE });

    // The worker goes away mid-wait; a new worker-only Braid process starts on the same database.
    await env.braid.worker!.stop();
    const config = env.braid.ctx.config;
    const restarted = await startBraid({ ...config, roles: { web: false, worker: true } }, { clock: env.braid.clock, serveWeb: false, startWorker: false });
    try {
      const drain = async () => {
        await env.platform.flush();
        await restarted.worker!.drain();
        await env.platform.flush();
      };
      env.braid.clock.advance(9 * MINUTE);
      await drain();
      expect(texts(await igSends(customer.id))).toEqual(['Let me check our prices.']);

      env.braid.clock.advance(1 * MINUTE);
      await drain();
      expect(texts(await igSends(customer.id))).toEqual(['Let me check our prices.', 'Our plans start at 9 € a month.']);
      await drain();
      expect(await runOf(created.body.automation.id, conversation.id)).toMatchObject({ state: 'completed', reason: 'all steps done.' });
    } finally {
      await restarted.close();
      await env.adminApi.request('DELETE', `/api/automations/${created.body.automation.id}`);
    }
  });
});

describe('an agent stepping in', () => {
  it('stops the run when an agent replies, before the bot says anything more', async () => {
    const customer = await env.platform.createCustomer({ name: 'Helped' });
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    const conversation = await conversationOf(customer.igsid);
    const reply = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'Hello! I am here, how can I help?' });
    expect(reply.status).toBe(201);
    await env.settle();
    await env.platform.tapInstagramQuickReply(customer.id, 'Continue on WhatsApp', HI_PAYLOADS.continueOnWhatsApp);
    await env.settle();

    expect(texts(await igSends(customer.id))).toEqual([
      'Hi! 👋 Thanks for your message.',
      'How would you like to continue?',
      'Hello! I am here, how can I help?',
    ]);
    const run = await runOf(await hiId(), conversation.id);
    expect(run).toMatchObject({ state: 'stopped', reason: `${env.agent.name} replied in the conversation.` });
    const thread = await env.braid.ctx.store.repos.messages.thread([conversation.id], { limit: 100 });
    expect(thread.some((m) => m.type === 'automation' && m.text === `Automation "Hi" stopped: ${env.agent.name} replied in the conversation.`)).toBe(true);
  });

  it('stops the run when an agent assigns the conversation', async () => {
    const customer = await env.platform.createCustomer({ name: 'Assigned' });
    await env.platform.sendInstagramText(customer.id, 'Hey');
    await env.settle();
    const conversation = await conversationOf(customer.igsid);
    expect((await env.agentApi.post(`/api/conversations/${conversation.id}/assign`, { userId: 'me' })).status).toBe(200);
    env.braid.clock.advance(60 * MINUTE);
    await env.settle();
    expect(await runOf(await hiId(), conversation.id)).toMatchObject({ state: 'stopped', reason: `${env.agent.name} assigned the conversation.` });
    expect(texts(await igSends(customer.id))).toHaveLength(2);
  });
});

describe('the WhatsApp invite step', () => {
  it('sends a Connect button that works: the customer sends its sentence on WhatsApp and is linked', async () => {
    const customer = await env.platform.createCustomer({ name: 'Connector', phone: '+4915112345678' });
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    await env.platform.tapInstagramQuickReply(customer.id, 'Continue on WhatsApp', HI_PAYLOADS.continueOnWhatsApp);
    await env.settle();

    const sends = await igSends(customer.id);
    expect(sends).toHaveLength(3);
    const template = sends[2].body.message.attachment.payload;
    expect(template).toMatchObject({ template_type: 'button', buttons: [{ type: 'web_url', title: 'Connect' }] });
    const url = new URL(template.buttons[0].url);
    expect(url.origin + url.pathname).toBe('https://wa.me/15550783881');
    const conversation = await conversationOf(customer.igsid);
    expect(await runOf(await hiId(), conversation.id)).toMatchObject({ state: 'completed', reason: 'Step 6 stops the sequence.' });

    // Tapping Connect opens WhatsApp with the sentence; the customer sends it.
    await env.platform.sendWhatsAppText(customer.id, url.searchParams.get('text')!);
    await env.settle();
    const identity = await env.braid.ctx.store.repos.identities.findByExternalId(env.instagram.id, customer.igsid);
    const [invite] = await env.braid.ctx.store.repos.invites.forContacts(env.workspace.id, [identity!.contactId]);
    expect(invite).toMatchObject({ conversationId: conversation.id, createdBy: null });
    expect(['connected', 'merged']).toContain(invite.state);
  });

  it('ends the run with the refusal when the invite cannot be sent', async () => {
    const customer = await env.platform.createCustomer({ name: 'Already there', phone: '+4915187654321' });
    // On WhatsApp first, then linked by an earlier invite: a second invite is refused.
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    await env.platform.tapInstagramQuickReply(customer.id, 'Continue on WhatsApp', HI_PAYLOADS.continueOnWhatsApp);
    await env.settle();
    const first = (await igSends(customer.id))[2].body.message.attachment.payload.buttons[0].url;
    await env.platform.sendWhatsAppText(customer.id, new URL(first).searchParams.get('text')!);
    await env.settle();

    env.braid.clock.advance(2 * 60 * MINUTE); // past the cool-down
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    await env.platform.tapInstagramQuickReply(customer.id, 'Continue on WhatsApp', HI_PAYLOADS.continueOnWhatsApp);
    await env.settle();
    const conversation = await conversationOf(customer.igsid);
    const runs = (await env.agentApi.get(`/api/automations/${await hiId()}/runs?limit=200`)).body.runs.filter(
      (r: { conversationId: string }) => r.conversationId === conversation.id,
    );
    expect(runs[0]).toMatchObject({ state: 'failed' });
    expect(runs[0].reason).toMatch(/already connected on WhatsApp/);
  });
});

describe('the automations API', () => {
  it('lists the default Hi automation to agents and lets only admins change it', async () => {
    const list = await env.agentApi.get('/api/automations');
    expect(list.status).toBe(200);
    const hi = list.body.automations.find((a: { name: string }) => a.name === 'Hi');
    expect(hi).toMatchObject({ channel: 'instagram', channelId: env.instagram.id, enabled: true, trigger: { mode: 'exact' }, stopOnAgentAction: true });
    expect(hi.steps.map((s: { type: string }) => s.type)).toEqual([
      'send_text', 'send_quick_replies', 'wait', 'branch', 'send_whatsapp_invite', 'stop', 'send_text', 'assign', 'stop',
    ]);
    expect((await env.agentApi.patch(`/api/automations/${hi.id}`, { enabled: false })).status).toBe(403);
    expect((await env.agentApi.post('/api/automations', { channel: 'instagram', trigger: { keywords: ['x'] }, steps: [{ type: 'stop' }] })).status).toBe(403);

    const renamed = await env.adminApi.patch(`/api/automations/${hi.id}`, { name: 'Greeting', cooldownSeconds: 60 });
    expect(renamed.status).toBe(200);
    expect(renamed.body.automation).toMatchObject({ name: 'Greeting', cooldownSeconds: 60, steps: hi.steps });
    expect((await env.adminApi.patch(`/api/automations/${hi.id}`, { name: 'Hi', cooldownSeconds: 3600 })).status).toBe(200);
  });

  it.each([
    [{ type: 'send_text', text: '' }, 'Step 2 (send_text): the text is empty'],
    [{ type: 'teleport' }, 'Step 2: unknown step type "teleport"'],
    [{ type: 'wait', seconds: 0 }, 'Step 2 (wait): the wait is under one second'],
    [{ type: 'wait', seconds: 31 * 24 * 3600 }, 'Step 2 (wait): the wait is over 30 days'],
    [{ type: 'branch', cases: [{ match: { payload: 'YES' } }], otherwise: 'stop' }, 'Step 2 (branch): case 1: the case has no target'],
    [{ type: 'branch', cases: [], otherwise: 7 }, 'Step 2 (branch): otherwise goes to step 8 (otherwise 7), but there are only 2 steps.'],
    [{ type: 'assign', to: 'nobody-here' }, 'Step 2 (assign): there is no active agent with the id "nobody-here" in this workspace'],
  ])('refuses an automation whose step cannot run, pointing at the step (%j)', async (bad, message) => {
    const response = await env.adminApi.post('/api/automations', {
      channel: 'instagram',
      name: 'Broken',
      trigger: { mode: 'contains', keywords: ['help'] },
      steps: [{ type: 'send_text', text: 'Hello' }, bad],
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('invalid_automation');
    expect(response.body.error.message).toContain(message);
    expect(response.body.error.details).toMatchObject({ step: 1 });
  });

  it('creates, edits and deletes an automation; editing the steps stops its active runs', async () => {
    const created = await env.adminApi.post('/api/automations', {
      channel: 'instagram',
      name: 'Opening hours',
      trigger: { mode: 'contains', keywords: ['open'] },
      steps: [{ type: 'send_text', text: 'We are open 9 to 5.' }, { type: 'wait', untilReply: true, timeoutSeconds: 600 }, { type: 'add_tag', tag: 'asked-hours' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.automation.id;
    expect(created.body.automation).toMatchObject({ enabled: true, stopOnAgentAction: true, cooldownSeconds: 3600, channel: 'instagram' });

    const customer = await env.platform.createCustomer({ name: 'Early bird' });
    await env.platform.sendInstagramText(customer.id, 'Are you open today?');
    await env.settle();
    const conversation = await conversationOf(customer.igsid);
    expect(await runOf(id, conversation.id)).toMatchObject({ state: 'active', waitingForReply: true });

    const edited = await env.adminApi.patch(`/api/automations/${id}`, { steps: [{ type: 'send_text', text: 'We are open 8 to 6.' }] });
    expect(edited.status).toBe(200);
    expect(await runOf(id, conversation.id)).toMatchObject({ state: 'stopped', reason: 'an admin changed its steps.' });

    expect((await env.adminApi.patch(`/api/automations/${id}`, { steps: [] })).body.error.message).toBe('Add at least one step.');
    expect((await env.adminApi.request('DELETE', `/api/automations/${id}`)).status).toBe(204);
    expect((await env.agentApi.get(`/api/automations/${id}`)).status).toBe(404);
  });
});
