import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactView, inviteCustomer } from '../merge/inviteFlow';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

/** Outside the 24 hours, automations and the merge confirmation send the workspace's chosen template. */
let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
  expect((await env.agentApi.post('/api/whatsapp/templates/refresh', {})).status).toBe(200);
});
afterAll(async () => {
  await env?.close();
});

const HOUR = 3_600_000;
const FOLLOW_UP = { name: 'follow_up', language: 'en_US', variables: ['there', 'Braid Shop'] };
const RENDERED = 'Hi there, this is Braid Shop following up on your message. Reply here and we will pick it up.';

async function chooseFallback(value: unknown) {
  return env.adminApi.patch('/api/workspace/settings', { whatsappFallbackTemplate: value });
}

async function runs(automationId: string) {
  return (await env.agentApi.get(`/api/automations/${automationId}/runs?limit=200`)).body.runs as Array<Record<string, any>>;
}

describe('the fallback template setting', () => {
  it('takes only an approved template of the WhatsApp channel with every variable filled', async () => {
    const rejected = await chooseFallback({ name: 'summer_sale', language: 'en_US', variables: ['Ana'] });
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.message).toContain('its status is REJECTED');
    const short = await chooseFallback({ ...FOLLOW_UP, variables: ['there'] });
    expect(short.status).toBe(422);
    expect(short.body.error.message).toBe('whatsappFallbackTemplate: This template has 2 variables; 1 was given.');
    const unknown = await chooseFallback({ ...FOLLOW_UP, name: 'no_such_template' });
    expect(unknown.status).toBe(422);
    const chosen = await chooseFallback(FOLLOW_UP);
    expect(chosen.status).toBe(200);
    expect((await env.adminApi.get('/api/workspace/settings')).body.settings.whatsappFallbackTemplate).toEqual(FOLLOW_UP);
    expect((await chooseFallback(null)).status).toBe(200);
  });
});

describe('an automation step after the window closed', () => {
  it('sends the chosen template instead of its text on WhatsApp, and stops as before when none is chosen', async () => {
    const created = await env.adminApi.post('/api/automations', {
      channel: 'whatsapp',
      name: 'Two days later',
      trigger: { mode: 'contains', keywords: ['quote'] },
      cooldownSeconds: 0,
      steps: [{ type: 'send_text', text: 'We are preparing your quote.' }, { type: 'wait', seconds: 2 * 24 * 3600 }, { type: 'send_text', text: 'Did the quote help?' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const automationId = created.body.automation.id;
    try {
      expect((await chooseFallback(FOLLOW_UP)).status).toBe(200);
      const withTemplate = await env.platform.createCustomer({ name: 'Quote Asker' });
      await env.platform.sendWhatsAppText(withTemplate.id, 'Can I get a quote?');
      await env.settle();
      env.braid.clock.advance(48 * HOUR);
      await env.settle();
      const sends = await env.platform.sends({ channel: 'whatsapp', customerId: withTemplate.id });
      expect(sends.map((s) => (s.body as any).type)).toEqual(['text', 'template']);
      expect((sends[1].body as any).template).toMatchObject({ name: 'follow_up', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'there' }, { type: 'text', text: 'Braid Shop' }] }] });
      const phone = await fetch(`${env.meta.url}/api/customers/${withTemplate.id}/threads`).then((r) => r.json());
      expect(phone.whatsapp.at(-1).text).toBe(`${RENDERED}\nBraid Shop`);
      expect((await runs(automationId)).map((r) => r.state)).toEqual(['completed']);

      expect((await chooseFallback(null)).status).toBe(200);
      const without = await env.platform.createCustomer({ name: 'Second Quote Asker' });
      await env.platform.sendWhatsAppText(without.id, 'A quote please');
      await env.settle();
      env.braid.clock.advance(48 * HOUR);
      await env.settle();
      expect((await env.platform.sends({ channel: 'whatsapp', customerId: without.id })).map((s) => (s.body as any).type)).toEqual(['text']);
      const [latest] = await runs(automationId);
      expect(latest.state).toBe('failed');
    } finally {
      await chooseFallback(null);
      await env.adminApi.request('DELETE', `/api/automations/${automationId}`);
    }
  });
});

describe('the merge confirmation after the window closed', () => {
  it('goes out as the chosen template when an agent accepts the merge a day later', async () => {
    const instagram = env.instagram.id;
    expect((await env.adminApi.patch(`/api/channels/${instagram}/settings`, { allowAutoMerge: false })).status).toBe(200);
    try {
      expect((await chooseFallback(FOLLOW_UP)).status).toBe(200);
      const lena = await inviteCustomer(env, 'Lena Prado', 'lena.prado');
      await env.platform.sendWhatsAppText(lena.customer.id, lena.sentence);
      await env.settle();
      const [request] = (await contactView(env, lena.ig.contactId)).pendingMergeRequests;
      env.braid.clock.advance(25 * HOUR);
      const accepted = await env.agentApi.post(`/api/merge-requests/${request.id}/accept`);
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      await env.settle();
      const sends = await env.platform.sends({ channel: 'whatsapp', customerId: lena.customer.id });
      expect(sends.at(-1)!.body).toMatchObject({ type: 'template', template: { name: 'follow_up' } });
    } finally {
      await chooseFallback(null);
      await env.adminApi.patch(`/api/channels/${instagram}/settings`, { allowAutoMerge: true });
    }
  });
});
