import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBraidWithPlatform, type BraidWithPlatform } from '../../../test/withPlatform';
import { matchAutomation } from './matchAutomation';
import { runAutomationStep } from './runAutomationStep';

/** Races the engine must win on both databases: several workers handling one conversation at once. */
let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

/** Delivers the customer's messages to Braid without running any job, and returns them. */
async function deliveredWithoutJobs(texts: string[]) {
  const customer = await env.platform.createCustomer({ name: `Racer ${texts.join(' ')}` });
  for (const text of texts) await env.platform.sendInstagramText(customer.id, text);
  await env.platform.flush();
  const { repos } = env.braid.ctx.store;
  const identity = await repos.identities.findByExternalId(env.instagram.id, customer.igsid);
  const conversation = (await repos.conversations.findByIdentity(identity!.id))!;
  const messages = (await repos.messages.thread([conversation.id], { limit: 10 })).filter((m) => m.direction === 'inbound');
  expect(messages).toHaveLength(texts.length);
  return { conversation, messages };
}

async function runsOf(conversationId: string) {
  const rows = await env.braid.ctx.store.kysely.selectFrom('automation_runs').selectAll().where('conversation_id', '=', conversationId).execute();
  return rows;
}

it('starts one run when two greetings of one conversation are matched at the same moment', async () => {
  const { conversation, messages } = await deliveredWithoutJobs(['Hi', 'Hello']);
  const outcomes = await Promise.all(messages.map((m) => matchAutomation(env.braid.ctx, { messageId: m.id })));
  expect(outcomes.filter((o) => o.kind === 'started')).toHaveLength(1);
  expect(await runsOf(conversation.id)).toHaveLength(1);
});

it('starts one run when the same message is matched twice at the same moment', async () => {
  const { conversation, messages } = await deliveredWithoutJobs(['Hey']);
  const outcomes = await Promise.all([1, 2, 3].map(() => matchAutomation(env.braid.ctx, { messageId: messages[0].id })));
  expect(outcomes.filter((o) => o.kind === 'started')).toHaveLength(1);
  expect(await runsOf(conversation.id)).toHaveLength(1);
});

it('executes a step once when its job is run twice at the same moment', async () => {
  const { conversation, messages } = await deliveredWithoutJobs(['Hi there']);
  const started = await matchAutomation(env.braid.ctx, { messageId: messages[0].id });
  expect(started.kind).toBe('started');
  const runId = (started as { runId: string }).runId;
  const results = await Promise.all([1, 2].map(() => runAutomationStep(env.braid.ctx, { runId, stepIndex: 0, seq: 0 })));
  expect(results.sort()).toEqual(['done', 'stale']);
  const outbound = (await env.braid.ctx.store.repos.messages.thread([conversation.id], { limit: 20 })).filter((m) => m.direction === 'outbound');
  expect(outbound.map((m) => m.text)).toEqual(['Hi! 👋 Thanks for your message.']);
  // A late copy of the job after the run moved on does nothing either.
  expect(await runAutomationStep(env.braid.ctx, { runId, stepIndex: 0, seq: 0 })).toBe('stale');
});
