import { expect } from 'vitest';
import type { BraidWithPlatform } from '../withPlatform';

/** Steps of the invite flow as the agent and the customer take them, over the simulated platform. */

export async function conversationOf(env: BraidWithPlatform, channel: 'instagram' | 'whatsapp', search: string) {
  const list = await env.agentApi.get(`/api/conversations?channel=${channel}&q=${encodeURIComponent(search)}`);
  expect(list.status).toBe(200);
  const found = list.body.conversations.find((c: any) => c.channel === channel);
  expect(found, `${channel} conversation of ${search}`).toBeTruthy();
  return found as { id: string; contactId: string };
}

/** A customer writes on Instagram and the agent sends the WhatsApp invite (checked as Meta receives it). */
export async function inviteCustomer(env: BraidWithPlatform, name: string, username: string) {
  const customer = await env.platform.createCustomer({ name, igUsername: username });
  await env.platform.sendInstagramText(customer.id, 'Hello, do you ship to Porto?');
  await env.settle();
  const ig = await conversationOf(env, 'instagram', username);
  const invited = await sendInvite(env, ig.id, customer.id);
  return { customer, ig, ...invited };
}

/** The agent clicks the WhatsApp icon then OK; returns the invite and the sentence the Connect button pre-fills. */
export async function sendInvite(env: BraidWithPlatform, conversationId: string, customerId: string) {
  const response = await env.agentApi.post(`/api/conversations/${conversationId}/whatsapp-invite`);
  expect(response.status, response.text).toBe(201);
  expect(response.body.invite).toMatchObject({ state: 'sent', conversationId });
  expect(response.body.invite.codeHash).toBeUndefined();
  await env.settle();
  env.braid.clock.advance(60_000);

  const sends = await env.platform.sends({ channel: 'instagram', customerId });
  const template = (sends.at(-1)!.body as any).message.attachment;
  expect(template.type).toBe('template');
  expect(template.payload.template_type).toBe('button');
  expect(template.payload.buttons).toHaveLength(1);
  const [button] = template.payload.buttons;
  expect(button).toMatchObject({ type: 'web_url', title: 'Connect' });
  expect(button.url).toMatch(/^https:\/\/wa\.me\/15550783881\?text=/);
  const sentence = decodeURIComponent(new URL(button.url).searchParams.get('text')!);
  expect(sentence).toMatch(/code [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  expect(encodeURIComponent(sentence)).toBe(button.url.split('?text=')[1]);
  return { sentence, inviteId: response.body.invite.id as string };
}

/** The thread's system items of one type (notes, merge requests, …). */
export async function itemsIn(env: BraidWithPlatform, conversationId: string, type: string) {
  const thread = await env.agentApi.get(`/api/conversations/${conversationId}/messages?limit=200`);
  expect(thread.status).toBe(200);
  return thread.body.messages.filter((m: any) => m.direction === 'system' && m.type === type) as { text: string; payload: any }[];
}

export async function contactView(env: BraidWithPlatform, contactId: string) {
  const view = await env.agentApi.get(`/api/contacts/${contactId}`);
  expect(view.status).toBe(200);
  return view.body;
}

/**
 * A customer writes on WhatsApp and the agent sends the Instagram link (checked as Meta receives
 * it): a cta_url message whose Open Instagram button opens the business's ig.me link with a code.
 */
export async function linkCustomer(env: BraidWithPlatform, name: string, options: { igUsername?: string; phone?: string } = {}) {
  const customer = await env.platform.createCustomer({ name, ...options });
  await env.platform.sendWhatsAppText(customer.id, 'Hello, is the blue one in stock?');
  await env.settle();
  const wa = await conversationOf(env, 'whatsapp', name);
  const sent = await sendInstagramLinkTo(env, wa.id, customer.id);
  return { customer, wa, ...sent };
}

/** The agent clicks Send Instagram link then OK; returns the invite and the URL the button opens. */
export async function sendInstagramLinkTo(env: BraidWithPlatform, conversationId: string, customerId: string) {
  const response = await env.agentApi.post(`/api/conversations/${conversationId}/instagram-link`);
  expect(response.status, response.text).toBe(201);
  expect(response.body.invite).toMatchObject({ state: 'sent', direction: 'to_instagram', conversationId });
  expect(response.body.invite.codeHash).toBeUndefined();
  await env.settle();
  env.braid.clock.advance(60_000);

  const sends = await env.platform.sends({ channel: 'whatsapp', customerId });
  const body = sends.at(-1)!.body as any;
  expect(body.type).toBe('interactive');
  expect(body.interactive.type).toBe('cta_url');
  expect(body.interactive.action).toMatchObject({ name: 'cta_url', parameters: { display_text: 'Open Instagram' } });
  const url: string = body.interactive.action.parameters.url;
  expect(url).toMatch(/^https:\/\/ig\.me\/m\/braid\.sandbox\?ref=[0-9A-Z]{16}$/);
  return { url, inviteId: response.body.invite.id as string };
}
