import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HI_PAYLOADS } from '../../src/domain/automations/automationSteps';
import { createUser } from '../factories';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

/** The engine's rules, through the simulated platform: priorities, WhatsApp, windows, turns, events. */
let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

const HOUR = 60 * 60 * 1000;
type Sent = { body: any };
const igTexts = (sends: Sent[]) => sends.map((s) => s.body?.message?.text ?? null);

async function create(body: Record<string, unknown>): Promise<string> {
  const response = await env.adminApi.post('/api/automations', body);
  expect(response.status, response.text).toBe(201);
  return response.body.automation.id;
}

async function remove(...ids: string[]) {
  for (const id of ids) expect((await env.adminApi.request('DELETE', `/api/automations/${id}`)).status).toBe(204);
}

async function runs(automationId: string) {
  return (await env.agentApi.get(`/api/automations/${automationId}/runs?limit=200`)).body.runs as Array<Record<string, any>>;
}

async function conversationOf(channelId: string, externalId: string) {
  const { repos } = env.braid.ctx.store;
  const identity = await repos.identities.findByExternalId(channelId, externalId);
  return (await repos.conversations.findByIdentity(identity!.id))!;
}

describe('which automation a message starts', () => {
  it('prefers an exact match to a contains match listed before it, and starts only one', async () => {
    const contains = await create({ channel: 'instagram', name: 'Contains', trigger: { mode: 'contains', keywords: ['price'] }, steps: [{ type: 'send_text', text: 'contains' }] });
    const exact = await create({ channel: 'instagram', name: 'Exact', trigger: { mode: 'exact', keywords: ['price'] }, steps: [{ type: 'send_text', text: 'exact' }] });
    try {
      const a = await env.platform.createCustomer({ name: 'Exact asker' });
      await env.platform.sendInstagramText(a.id, 'Price?');
      const b = await env.platform.createCustomer({ name: 'Loose asker' });
      await env.platform.sendInstagramText(b.id, 'what is the price of the blue one');
      await env.settle();
      expect(igTexts(await env.platform.sends({ channel: 'instagram', customerId: a.id }))).toEqual(['exact']);
      expect(igTexts(await env.platform.sends({ channel: 'instagram', customerId: b.id }))).toEqual(['contains']);
      expect((await runs(exact)).map((r) => r.state)).toEqual(['completed']);
      expect((await runs(contains)).map((r) => r.state)).toEqual(['completed']);
    } finally {
      await remove(contains, exact);
    }
  });

  it('starts an "any first message" automation on WhatsApp only for the first message of the conversation', async () => {
    const welcome = await create({
      channel: 'whatsapp',
      name: 'Welcome',
      trigger: { mode: 'any_first_message' },
      cooldownSeconds: 0,
      steps: [{ type: 'send_text', text: 'Welcome to our WhatsApp!' }],
    });
    try {
      const customer = await env.platform.createCustomer({ name: 'Newcomer', phone: '+34600111222' });
      await env.platform.sendWhatsAppText(customer.id, 'Good morning');
      await env.settle();
      await env.platform.sendWhatsAppText(customer.id, 'Anyone there?');
      await env.settle();
      const sends = await env.platform.sends({ channel: 'whatsapp', customerId: customer.id });
      expect(sends.map((s: Sent) => s.body?.text?.body)).toEqual(['Welcome to our WhatsApp!']);
      expect(await runs(welcome)).toHaveLength(1);
    } finally {
      await remove(welcome);
    }
  });
});

describe('on WhatsApp', () => {
  it('sends quick replies as reply buttons and branches on the id of the tapped button', async () => {
    const menu = await create({
      channel: 'whatsapp',
      name: 'Menu',
      trigger: { mode: 'exact', keywords: ['menu'] },
      steps: [
        { type: 'send_quick_replies', text: 'What do you need?', replies: [{ title: 'Opening hours', payload: 'HOURS' }, { title: 'Returns', payload: 'RETURNS' }] },
        { type: 'wait', untilReply: true, timeoutSeconds: 600 },
        { type: 'branch', cases: [{ match: { payload: 'RETURNS' }, goTo: 5 }, { match: { payload: 'HOURS' }, goTo: 3 }], otherwise: 'stop' },
        { type: 'send_text', text: 'We are open 9 to 5.' },
        { type: 'stop' },
        { type: 'add_tag', tag: 'returns' },
        { type: 'send_text', text: 'Send us the order number.' },
      ],
    });
    try {
      const customer = await env.platform.createCustomer({ name: 'Returner', phone: '+34600333444' });
      await env.platform.sendWhatsAppText(customer.id, 'Menu');
      await env.settle();
      const [buttons] = await env.platform.sends({ channel: 'whatsapp', customerId: customer.id });
      expect((buttons as Sent).body).toMatchObject({
        type: 'interactive',
        interactive: { type: 'button', action: { buttons: [{ reply: { id: 'HOURS', title: 'Opening hours' } }, { reply: { id: 'RETURNS', title: 'Returns' } }] } },
      });
      await env.platform.tapWhatsAppButton(customer.id, { id: 'RETURNS', title: 'Returns' }, buttons.externalId);
      await env.settle();
      const sends = await env.platform.sends({ channel: 'whatsapp', customerId: customer.id });
      expect(sends.map((s: Sent) => s.body?.text?.body ?? s.body?.interactive?.body?.text)).toEqual(['What do you need?', 'Send us the order number.']);
      const [run] = await runs(menu);
      expect(run).toMatchObject({ state: 'completed', reason: 'all steps done.' });
      const conversation = await env.braid.ctx.store.repos.conversations.get(env.workspace.id, run.conversationId);
      const identity = await env.braid.ctx.store.repos.identities.get(env.workspace.id, conversation!.identityId);
      expect(await env.braid.ctx.store.repos.contacts.tags([identity!.contactId])).toEqual([{ contactId: identity!.contactId, tag: 'returns' }]);
    } finally {
      await remove(menu);
    }
  });
});

describe('the reply window', () => {
  it('ends the run with the reason when a send would fall outside the 24 hours', async () => {
    const followUp = await create({
      channel: 'instagram',
      name: 'Follow-up',
      trigger: { mode: 'exact', keywords: ['order'] },
      steps: [{ type: 'send_text', text: 'Thanks for your order.' }, { type: 'wait', seconds: 25 * 3600 }, { type: 'send_text', text: 'How was it?' }],
    });
    try {
      const customer = await env.platform.createCustomer({ name: 'Quiet' });
      await env.platform.sendInstagramText(customer.id, 'Order');
      await env.settle();
      env.braid.clock.advance(25 * HOUR);
      await env.settle();
      expect(igTexts(await env.platform.sends({ channel: 'instagram', customerId: customer.id }))).toEqual(['Thanks for your order.']);
      const [run] = await runs(followUp);
      expect(run.state).toBe('failed');
      expect(run.reason).toMatch(/^The Instagram reply window closed at .* UTC \(24 hours after the customer's last message\)/);
    } finally {
      await remove(followUp);
    }
  });
});

describe('round robin', () => {
  it('gives conversations to the online agents in turn', async () => {
    const second = await createUser(env.braid.ctx, env.workspace.id, 'agent');
    // Both agents have the inbox open now; anyone else in the workspace has been away for a while.
    for (const id of [env.agent.id, second.id]) await env.braid.ctx.store.repos.users.touch(id, env.braid.clock.now());
    const assignees: string[] = [];
    for (const name of ['First in line', 'Second in line', 'Third in line']) {
      const customer = await env.platform.createCustomer({ name });
      await env.platform.sendInstagramText(customer.id, 'Hi');
      await env.settle();
      await env.platform.tapInstagramQuickReply(customer.id, 'Talk to an agent', HI_PAYLOADS.talkToAgent);
      await env.settle();
      const conversation = await conversationOf(env.instagram.id, customer.igsid);
      assignees.push(conversation.assigneeId!);
    }
    expect(new Set(assignees.slice(0, 2))).toEqual(new Set([env.agent.id, second.id]));
    expect(assignees[2]).toBe(assignees[0]);
  });
});

describe('assigning to a chosen agent', () => {
  it('puts the conversation on that agent and tags the contact', async () => {
    const vip = await create({
      channel: 'instagram',
      name: 'VIP',
      trigger: { mode: 'starts_with', keywords: ['vip'] },
      steps: [{ type: 'assign', to: env.admin.id }, { type: 'add_tag', tag: 'vip' }],
    });
    try {
      const customer = await env.platform.createCustomer({ name: 'Important' });
      await env.platform.sendInstagramText(customer.id, 'VIP access please');
      await env.settle();
      const conversation = await conversationOf(env.instagram.id, customer.igsid);
      expect(conversation.assigneeId).toBe(env.admin.id);
      const identity = await env.braid.ctx.store.repos.identities.get(env.workspace.id, conversation.identityId);
      expect((await env.braid.ctx.store.repos.contacts.tags([identity!.contactId])).map((t) => t.tag)).toEqual(['vip']);
      const thread = await env.braid.ctx.store.repos.messages.thread([conversation.id], { limit: 20 });
      expect(thread.map((m) => m.text)).toContain(`Step 1: assigned to ${env.admin.name} (as set in the automation).`);
    } finally {
      await remove(vip);
    }
  });
});

describe('people first', () => {
  it('does not start while an agent has been handling the conversation within the cool-down', async () => {
    const customer = await env.platform.createCustomer({ name: 'Regular' });
    await env.platform.sendInstagramText(customer.id, 'Where is my parcel?');
    await env.settle();
    const conversation = await conversationOf(env.instagram.id, customer.igsid);
    await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'Let me look it up.' });
    await env.settle();
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    expect(igTexts(await env.platform.sends({ channel: 'instagram', customerId: customer.id }))).toEqual(['Let me look it up.']);
  });
});

describe('a person writing from the Instagram app', () => {
  it('stops the run too: the echo of their message is a person stepping in', async () => {
    const customer = await env.platform.createCustomer({ name: 'App user' });
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    const conversation = await conversationOf(env.instagram.id, customer.igsid);
    const now = env.braid.clock.now();
    // What the ingest stores for an echo Braid did not send (the simulated platform has no app).
    await env.braid.ctx.store.repos.messages.insert({
      id: crypto.randomUUID(), workspaceId: env.workspace.id, conversationId: conversation.id, channelId: env.instagram.id, kind: 'instagram',
      direction: 'outbound', externalId: `m_app_${now}`, type: 'text', text: 'Typed on the phone', payload: {}, status: 'sent',
      errorCode: null, errorTitle: null, authorId: null, sentBy: 'business_app', platformTs: now, createdAt: now,
    });
    await env.platform.tapInstagramQuickReply(customer.id, 'Talk to an agent', HI_PAYLOADS.talkToAgent);
    await env.settle();
    const hi = (await env.agentApi.get('/api/automations?channel=instagram')).body.automations.find((a: { name: string }) => a.name === 'Hi');
    const run = (await runs(hi.id)).find((r) => r.conversationId === conversation.id);
    expect(run).toMatchObject({ state: 'stopped', reason: 'Someone replied from the Instagram app.' });
  });
});

describe('realtime', () => {
  it('announces each change of a run and each thread item', async () => {
    const before = await env.braid.ctx.store.repos.events.latestId(env.workspace.id);
    const customer = await env.platform.createCustomer({ name: 'Watched' });
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    const conversation = await conversationOf(env.instagram.id, customer.igsid);
    const events = (await env.braid.ctx.store.repos.events.since(env.workspace.id, before, 500)).filter(
      (e) => (e.data as { conversationId?: string }).conversationId === conversation.id,
    );
    const runEvents = events.filter((e) => e.type === 'automation_run.updated').map((e) => e.data as Record<string, unknown>);
    expect(runEvents.map((e) => [e.state, e.stepIndex, e.waitingForReply])).toEqual([
      ['active', 0, false],
      ['active', 1, false],
      ['active', 2, false],
      ['active', 2, true],
    ]);
    expect(events.filter((e) => e.type === 'message.created').length).toBeGreaterThanOrEqual(7); // 1 inbound, 2 sent, 4 automation items
  });
});
