import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HI_PAYLOADS } from '../../src/domain/automations/automationSteps';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

/**
 * The guide's step 2 end to end: a customer writes on Instagram through the simulated platform,
 * signed webhooks reach Braid, and the default "Hi" sequence answers through the Graph endpoints.
 */
let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

type Sent = { body: any };
const texts = (sends: Sent[]) => sends.map((s) => s.body?.message?.text ?? s.body?.message?.attachment?.payload?.text ?? null);

async function hiAutomation() {
  const list = await env.agentApi.get('/api/automations?channel=instagram');
  expect(list.status).toBe(200);
  const hi = list.body.automations.find((a: { name: string }) => a.name === 'Hi');
  expect(hi).toBeDefined();
  return hi as { id: string };
}

async function conversationOf(customerIgsid: string) {
  const { repos } = env.braid.ctx.store;
  const identity = await repos.identities.findByExternalId(env.instagram.id, customerIgsid);
  expect(identity).toBeDefined();
  return (await repos.conversations.findByIdentity(identity!.id))!;
}

async function runsOf(conversationId: string) {
  const hi = await hiAutomation();
  const runs = await env.agentApi.get(`/api/automations/${hi.id}/runs?limit=200`);
  expect(runs.status).toBe(200);
  return runs.body.runs.filter((r: { conversationId: string }) => r.conversationId === conversationId);
}

async function automationItems(conversationId: string) {
  const thread = await env.braid.ctx.store.repos.messages.thread([conversationId], { limit: 200 });
  const order = (m: { payload: Record<string, any> }) => m.payload.automation.order as number;
  // The test clock stands still while jobs run, so items share a timestamp: their run order decides.
  return thread
    .filter((m) => m.direction === 'system' && m.type === 'automation')
    .sort((a, b) => a.platformTs - b.platformTs || order(a) - order(b))
    .map((m) => m.text);
}

describe('the default "Hi" automation on Instagram', () => {
  it.each(['hi', 'Hi!', 'HI 👋', ' hi. ', 'Hello'])('starts on %j and the customer receives greeting then quick replies, in order', async (greeting) => {
    const customer = await env.platform.createCustomer({ name: `Customer ${greeting.trim()}` });
    await env.platform.sendInstagramText(customer.id, greeting);
    await env.settle();

    const sends = await env.platform.sends({ channel: 'instagram', customerId: customer.id });
    expect(texts(sends)).toEqual(['Hi! 👋 Thanks for your message.', 'How would you like to continue?']);
    expect(sends[1].body).toMatchObject({
      recipient: { id: customer.igsid },
      message: {
        quick_replies: [
          { content_type: 'text', title: 'Talk to an agent', payload: HI_PAYLOADS.talkToAgent },
          { content_type: 'text', title: 'Continue on WhatsApp', payload: HI_PAYLOADS.continueOnWhatsApp },
        ],
      },
    });

    const conversation = await conversationOf(customer.igsid);
    const [run] = await runsOf(conversation.id);
    expect(run).toMatchObject({ state: 'active', stepIndex: 2, waitingForReply: true });
    expect(await automationItems(conversation.id)).toEqual([
      `Automation "Hi" started: the customer wrote "${greeting.trim()}".`,
      'Step 1: sent a text.',
      'Step 2: sent quick replies.',
      "Step 3: waiting up to 1 hour for the customer's reply.",
    ]);
  });

  it('keeps the order when Meta refuses the greeting for a moment: the quick replies wait for it', async () => {
    const customer = await env.platform.createCustomer({ name: 'Patient network' });
    env.platform.failNextSends({ channel: 'instagram', count: 1, code: 2, httpStatus: 503, message: 'Service temporarily unavailable' });
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    expect(await env.platform.sends({ channel: 'instagram', customerId: customer.id })).toEqual([]);
    for (let second = 0; second < 10; second++) {
      env.braid.clock.advance(1000);
      await env.settle();
    }
    const sends = await env.platform.sends({ channel: 'instagram', customerId: customer.id });
    expect(texts(sends)).toEqual(['Hi! 👋 Thanks for your message.', 'How would you like to continue?']);
  });

  it('does not start on text that is not a greeting', async () => {
    const customer = await env.platform.createCustomer({ name: 'Question' });
    await env.platform.sendInstagramText(customer.id, 'hi, where is my order?');
    await env.platform.sendInstagramText(customer.id, 'history');
    await env.settle();
    expect(await env.platform.sends({ channel: 'instagram', customerId: customer.id })).toEqual([]);
    const conversation = await conversationOf(customer.igsid);
    expect(await runsOf(conversation.id)).toEqual([]);
  });

  it('takes the branch of the tapped quick reply by its payload', async () => {
    const customer = await env.platform.createCustomer({ name: 'Tapper' });
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    // The title says one thing and the payload another: the payload decides.
    await env.platform.tapInstagramQuickReply(customer.id, 'Talk to an agent', HI_PAYLOADS.talkToAgent);
    await env.settle();

    const sends = await env.platform.sends({ channel: 'instagram', customerId: customer.id });
    expect(texts(sends)).toEqual(['Hi! 👋 Thanks for your message.', 'How would you like to continue?', 'Thanks! An agent will reply shortly.']);
    const conversation = await conversationOf(customer.igsid);
    const [run] = await runsOf(conversation.id);
    expect(run).toMatchObject({ state: 'completed', reason: 'Step 9 stops the sequence.' });
    const assigned = await env.braid.ctx.store.repos.conversations.get(env.workspace.id, conversation.id);
    expect(assigned?.assigneeId).toBe(env.agent.id);
    const items = await automationItems(conversation.id);
    expect(items.slice(4)).toEqual([
      'Step 3: the customer replied "Talk to an agent".',
      'Step 4: the reply "Talk to an agent" leads to step 7.',
      'Step 7: sent a text.',
      expect.stringMatching(/^Step 8: assigned to .+ \(round robin\)\.$/),
      'Automation "Hi" finished: Step 9 stops the sequence.',
    ]);
  });

  it('does not start a second run when Meta delivers the same message twice', async () => {
    const customer = await env.platform.createCustomer({ name: 'Twice' });
    env.platform.duplicateNext(1);
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    const conversation = await conversationOf(customer.igsid);
    // And should a second match job for the same message ever run, it starts nothing either.
    const [trigger] = (await env.braid.ctx.store.repos.messages.thread([conversation.id], { limit: 50 })).filter((m) => m.direction === 'inbound');
    await env.braid.ctx.store.repos.jobs.enqueue({ kind: 'automation.match', payload: { messageId: trigger.id } }, env.braid.clock.now());
    await env.settle();

    expect(await runsOf(conversation.id)).toHaveLength(1);
    expect(texts(await env.platform.sends({ channel: 'instagram', customerId: customer.id }))).toHaveLength(2);
  });

  it('does not restart while its run is active, nor within the cool-down after it ended', async () => {
    const customer = await env.platform.createCustomer({ name: 'Repeater' });
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    const conversation = await conversationOf(customer.igsid);
    expect(await runsOf(conversation.id)).toHaveLength(1);
    expect(texts(await env.platform.sends({ channel: 'instagram', customerId: customer.id }))).toHaveLength(2);

    // No answer for an hour: the run ends; a "Hi" right after stays unanswered (cool-down of 1 h).
    env.braid.clock.advance(60 * 60 * 1000);
    await env.settle();
    expect((await runsOf(conversation.id))[0]).toMatchObject({ state: 'completed', reason: 'the customer did not reply within 1 hour.' });
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    expect(await runsOf(conversation.id)).toHaveLength(1);

    env.braid.clock.advance(60 * 60 * 1000);
    await env.platform.sendInstagramText(customer.id, 'Hi');
    await env.settle();
    const runs = await runsOf(conversation.id);
    expect(runs.map((r: { state: string }) => r.state)).toEqual(['active', 'completed']);
  });
});
