import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxTemplate } from '../../src/sandbox/meta/templates';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

const repos = () => env.braid.ctx.store.repos;
const HOUR = 3_600_000;

async function whatsappConversation() {
  const customer = await env.platform.createCustomer({ name: 'Ana Souza' });
  await env.platform.sendWhatsAppText(customer.id, 'Is my order ready?');
  await env.settle();
  const identity = (await repos().identities.findByExternalId(env.whatsapp.id, customer.bsuid))!;
  const conversation = (await repos().conversations.findByIdentity(identity.id))!;
  return { customer, conversation };
}

async function refresh() {
  const response = await env.agentApi.post('/api/whatsapp/templates/refresh', {});
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.refreshError).toBeUndefined();
  return response.body.templates as any[];
}

async function sendTemplate(conversationId: string, name: string, language: string, variables: string[]) {
  return env.agentApi.post(`/api/conversations/${conversationId}/template`, { name, language, variables });
}

async function messageAfterSend(id: string) {
  await env.settle();
  const thread = await env.agentApi.get(`/api/conversations/${(await repos().messages.findById(id))!.conversationId}/messages`);
  return (thread.body.messages as any[]).find((m) => m.id === id);
}

const simpleTemplate = (name: string, body: string): SandboxTemplate => ({
  id: `tpl-${name}`, name, language: 'en_US', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: body }],
});

describe('reading templates from Meta', () => {
  it('keeps every template of every page, with its status, category, components and variables', async () => {
    const extra = Array.from({ length: 130 }, (_, i) => simpleTemplate(`notice_${String(i).padStart(3, '0')}`, `Notice ${i} for {{1}}`));
    env.platform.addTemplates(extra);
    const templates = await refresh();
    // Six of Meta's own plus 130 more: two pages of 100 at Meta.
    expect(templates).toHaveLength(136);
    expect(templates.find((t) => t.name === 'notice_129')).toMatchObject({ status: 'APPROVED', sendable: true, variables: [{ label: 'Variable 1', where: 'body' }] });
    expect(templates.find((t) => t.name === 'summer_sale')).toMatchObject({ status: 'REJECTED', category: 'MARKETING', sendable: false });
    expect(templates.find((t) => t.name === 'order_update')).toMatchObject({
      variables: [
        { label: 'Variable 1', where: 'body' },
        { label: 'Variable 2 (header)', where: 'header' },
        { label: 'Variable 3 (Track order button link)', where: 'button' },
      ],
    });
    expect(templates.filter((t) => t.name === 'follow_up').map((t) => t.language)).toEqual(['en_US', 'pt_BR']);

    // A template Meta no longer lists goes from Braid's copy too.
    env.platform.templates.splice(env.platform.templates.findIndex((t) => t.name === 'notice_000'), 1);
    const again = await env.agentApi.get('/api/whatsapp/templates');
    expect(again.body.templates).toHaveLength(136);
    expect((await refresh()).map((t) => t.name)).not.toContain('notice_000');
  });

  it('runs on a schedule from the worker, and keeps the old copy when Meta refuses', async () => {
    env.platform.addTemplates([simpleTemplate('scheduled_one', 'Scheduled {{1}}')]);
    const { scheduleTemplateSync } = await import('../../src/usecases/templates/scheduleTemplateSync');
    await scheduleTemplateSync(env.braid.ctx);
    await env.settle();
    expect((await env.agentApi.get('/api/whatsapp/templates')).body.templates.map((t: any) => t.name)).toContain('scheduled_one');

    env.platform.addTemplates([simpleTemplate('scheduled_two', 'Scheduled {{1}}')]);
    env.braid.clock.advance(6 * HOUR);
    await env.settle();
    expect((await env.agentApi.get('/api/whatsapp/templates')).body.templates.map((t: any) => t.name)).toContain('scheduled_two');

    env.platform.failNextSends({ channel: 'whatsapp', count: 1, code: 190 });
    const refused = await env.agentApi.post('/api/whatsapp/templates/refresh', {});
    expect(refused.status).toBe(200);
    expect(refused.body.refreshError).toBe('Meta did not list the WhatsApp templates: Invalid OAuth access token - Cannot parse access token');
    expect(refused.body.templates.map((t: any) => t.name)).toContain('scheduled_two');
    expect((await env.agentApi.get('/api/whatsapp/templates')).body.templates.map((t: any) => t.name)).toContain('scheduled_two');
  });
});

describe('sending a template', () => {
  it('sends an approved template with its components outside the window, shown as rendered text on both sides', async () => {
    await refresh();
    const { customer, conversation } = await whatsappConversation();
    env.braid.clock.advance(25 * HOUR);
    const text = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text: 'Still there?' });
    expect(text.status).toBe(409);
    expect(text.body.error.code).toBe('reply_window_closed');

    const sent = await sendTemplate(conversation.id, 'order_update', 'en_US', ['Friday', '#1042', '1042']);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const rendered = 'Order #1042\nYour order is on its way and should arrive on Friday.\n[Track order] [Talk to us]';
    expect(sent.body.message).toMatchObject({ text: rendered, status: 'pending' });
    const after = await messageAfterSend(sent.body.message.id);
    expect(after, JSON.stringify(after)).toMatchObject({ status: 'delivered', text: rendered });

    const [send] = await env.platform.sends({ channel: 'whatsapp', customerId: customer.id });
    expect(send.body).toMatchObject({
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: '#1042' }] },
          { type: 'body', parameters: [{ type: 'text', text: 'Friday' }] },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '1042' }] },
        ],
      },
    });
    const phone = await fetch(`${env.meta.url}/api/customers/${customer.id}/threads`).then((r) => r.json());
    expect(phone.whatsapp.at(-1)).toMatchObject({
      text: 'Order #1042\nYour order is on its way and should arrive on Friday.',
      buttons: [{ kind: 'web_url', title: 'Track order', url: 'https://shop.example.com/track/1042' }, { kind: 'reply', title: 'Talk to us' }],
    });
  });

  it('refuses a rejected template, a missing one and missing variables in words, before Meta', async () => {
    await refresh();
    const { conversation } = await whatsappConversation();
    const rejected = await sendTemplate(conversation.id, 'summer_sale', 'en_US', ['Ana']);
    expect(rejected.status).toBe(409);
    expect(rejected.body.error).toMatchObject({ code: 'template_not_approved' });
    expect(rejected.body.error.message).toContain('REJECTED');
    const unknown = await sendTemplate(conversation.id, 'follow_up', 'de_DE', ['Ana', 'Braid']);
    expect(unknown.status).toBe(404);
    const short = await sendTemplate(conversation.id, 'follow_up', 'en_US', ['Ana']);
    expect(short.status).toBe(400);
    expect(short.body.error.message).toBe('This template has 2 variables; 1 was given.');
    const bad = await env.agentApi.post(`/api/conversations/${conversation.id}/template`, { name: 'follow_up', language: 'english!', variables: [] });
    expect(bad.status).toBe(400);
  });

  describe("Meta's template errors show on the message with Meta's reason", () => {
    it('132000 when Meta’s copy of the template now has another number of variables', async () => {
      env.platform.addTemplates([simpleTemplate('terms_update', 'Hi {{1}}, our terms changed.')]);
      await refresh();
      env.platform.templates.find((t) => t.name === 'terms_update')!.components[0].text = 'Hi {{1}}, our terms changed on {{2}}.';
      const { conversation } = await whatsappConversation();
      const sent = await sendTemplate(conversation.id, 'terms_update', 'en_US', ['Ana']);
      expect(sent.status).toBe(201);
      const failed = await messageAfterSend(sent.body.message.id);
      expect(failed).toMatchObject({ status: 'failed', error: { code: '132000' } });
      expect(failed.error.title).toBe('Number of parameters does not match the expected number of params: body: number of localizable_params (1) does not match the expected number of params (2)');
    });

    it('132001 when Meta no longer has the template in that language', async () => {
      env.platform.addTemplates([simpleTemplate('retired_offer', 'An offer for {{1}}')]);
      await refresh();
      env.platform.templates.splice(env.platform.templates.findIndex((t) => t.name === 'retired_offer'), 1);
      const { conversation } = await whatsappConversation();
      const sent = await sendTemplate(conversation.id, 'retired_offer', 'en_US', ['Ana']);
      const failed = await messageAfterSend(sent.body.message.id);
      expect(failed).toMatchObject({ status: 'failed', error: { code: '132001' } });
      expect(failed.error.title).toBe('Template name does not exist in the translation: template name (retired_offer) does not exist in en_US');
    });

    it('132005 when the filled-in text is too long', async () => {
      await refresh();
      const { conversation } = await whatsappConversation();
      const sent = await sendTemplate(conversation.id, 'follow_up', 'en_US', ['Ana', 'x'.repeat(1000)]);
      const failed = await messageAfterSend(sent.body.message.id);
      expect(failed).toMatchObject({ status: 'failed', error: { code: '132005' } });
      expect(failed.error.title).toContain('Translated text too long');
    });

    it('132007 when a variable breaks the format policy', async () => {
      await refresh();
      const { conversation } = await whatsappConversation();
      const sent = await sendTemplate(conversation.id, 'follow_up', 'en_US', ['Ana', 'Braid\nShop']);
      const failed = await messageAfterSend(sent.body.message.id);
      expect(failed).toMatchObject({ status: 'failed', error: { code: '132007' } });
      expect(failed.error.title).toBe('Template Format Character Policy Violated: Param text cannot be empty, have new-line/tab characters or more than 4 consecutive spaces');
    });

    it('131047 still refuses free-form text outside the window at Meta', async () => {
      const { customer } = await whatsappConversation();
      env.braid.clock.advance(25 * HOUR);
      const response = await fetch(`${env.meta.graphUrl}/106540352242922/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-wa-token', 'content-type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', to: customer.phone, type: 'text', text: { body: 'Hello?' } }),
      });
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe(131047);
    });
  });
});
