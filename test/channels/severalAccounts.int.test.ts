import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/domain/channels/sealedSecret';
import { SECOND_INSTAGRAM_ACCOUNT as OUTLET_IG, SECOND_WHATSAPP_NUMBER as OUTLET_WA } from '../../src/sandbox/meta/platform';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';

/**
 * The environment's Instagram account and WhatsApp number, plus the simulated platform's second
 * ones ("Braid Outlet") connected in Settings: each conversation stays on the account the customer
 * wrote to, its replies leave through that account, and each Instagram account's invites send
 * customers to the WhatsApp number it chose.
 */
let env: BraidWithPlatform;
let outlet: { instagram: string; whatsapp: string };
beforeAll(async () => {
  env = await startBraidWithPlatform({ env: process.env.BRAID_TEST_DIALECT === 'postgres' ? { BRAID_SECRET_KEY: SecretBox.newKey() } : {} });
  const ig = await env.adminApi.post('/api/channels/instagram', { accountId: OUTLET_IG.accountId, accessToken: OUTLET_IG.accessToken, appSecret: OUTLET_IG.appSecret });
  const wa = await env.adminApi.post('/api/channels/whatsapp', {
    phoneNumberId: OUTLET_WA.phoneNumberId,
    businessAccountId: OUTLET_WA.businessAccountId,
    phoneNumber: `+${OUTLET_WA.displayPhoneNumber}`,
    accessToken: OUTLET_WA.accessToken,
    appSecret: OUTLET_WA.appSecret,
  });
  expect([ig.status, wa.status], JSON.stringify([ig.body, wa.body])).toEqual([201, 201]);
  outlet = { instagram: ig.body.channel.id, whatsapp: wa.body.channel.id };
});
afterAll(async () => {
  await env?.close();
});

const channelsOf = async () => (await env.adminApi.get('/api/channels')).body.channels as { id: string; kind: string }[];

async function conversationsOf(query: string) {
  const list = await env.agentApi.get(`/api/conversations?${query}`);
  expect(list.status).toBe(200);
  return list.body.conversations as { id: string; channel: string; accountId: string; customer: { name: string } }[];
}

describe('several accounts in daily work', () => {
  it('keep each conversation on the account written to, filter by account, and reply through it with its own token', async () => {
    const [mainIg, mainWa] = [(await channelsOf()).find((c) => c.kind === 'instagram')!.id, (await channelsOf()).find((c) => c.kind === 'whatsapp')!.id];
    const customer = await env.platform.createCustomer({ name: 'Marta Quintas' });
    await env.platform.sendInstagramText(customer.id, 'Main shop, is it open?');
    await env.platform.sendInstagramText(customer.id, 'Outlet, is it open?', { account: OUTLET_IG.accountId });
    await env.platform.sendWhatsAppText(customer.id, 'Outlet number here', { account: OUTLET_WA.phoneNumberId });
    await env.settle();

    const mine = (await conversationsOf('q=Marta')).filter((c) => c.customer.name === 'Marta Quintas');
    expect(mine.map((c) => [c.channel, c.accountId]).sort()).toEqual([
      ['instagram', mainIg],
      ['instagram', outlet.instagram],
      ['whatsapp', outlet.whatsapp],
    ].sort());
    expect((await conversationsOf(`q=Marta&account=${outlet.instagram}`)).map((c) => c.accountId)).toEqual([outlet.instagram]);
    expect(await conversationsOf(`q=Marta&account=${mainWa}`)).toEqual([]);
    expect((await env.agentApi.get(`/api/conversations?account=${'x'.repeat(200)}`)).status).toBe(400);

    for (const conversation of mine) {
      const text = `Answer on ${conversation.accountId}`;
      const reply = await env.agentApi.post(`/api/conversations/${conversation.id}/messages`, { text });
      expect(reply.status).toBe(201);
      await env.settle();
      const sent = (await env.platform.sends({ channel: conversation.channel as 'instagram' | 'whatsapp', customerId: customer.id })).find((s) => JSON.stringify(s.body).includes(text));
      expect(sent, text).toBeDefined();
      // The platform takes a send on an account only with that account's own token.
      const expected = conversation.accountId === outlet.instagram ? OUTLET_IG.accountId : conversation.accountId === outlet.whatsapp ? OUTLET_WA.phoneNumberId : env.platform.options.instagramAccountId;
      expect(env.platform.sendAccount(sent!.externalId)).toBe(expected);
    }
  });

  it('send invites to the WhatsApp number each Instagram account chose, by default the first connected', async () => {
    const inviteUrl = async (account?: string) => {
      const customer = await env.platform.createCustomer({ name: 'Beatriz Lobo' });
      await env.platform.sendInstagramText(customer.id, 'Can we talk on WhatsApp?', { account });
      await env.settle();
      const conversation = (await conversationsOf(`channel=instagram&q=${encodeURIComponent(customer.igUsername)}`))[0];
      const response = await env.agentApi.post(`/api/conversations/${conversation.id}/whatsapp-invite`);
      expect(response.status, response.text).toBe(201);
      await env.settle();
      const sends = await env.platform.sends({ channel: 'instagram', customerId: customer.id });
      return (sends.at(-1)!.body as any).message.attachment.payload.buttons[0].url as string;
    };
    const mainNumber = env.braid.ctx.config.meta.whatsapp.phoneNumber;
    // Nothing chosen: the first connected number (the environment's), for both accounts.
    expect(await inviteUrl()).toMatch(new RegExp(`^https://wa\\.me/${mainNumber}\\?text=`));
    expect(await inviteUrl(OUTLET_IG.accountId)).toMatch(new RegExp(`^https://wa\\.me/${mainNumber}\\?text=`));

    const chose = await env.adminApi.request('PATCH', `/api/channels/${outlet.instagram}/settings`, { invitesWhatsAppChannelId: outlet.whatsapp });
    expect(chose.status).toBe(200);
    expect(chose.body.settings).toMatchObject({ allowAutoMerge: true, invitesWhatsAppChannelId: outlet.whatsapp });
    expect(await inviteUrl(OUTLET_IG.accountId)).toMatch(new RegExp(`^https://wa\\.me/${OUTLET_WA.displayPhoneNumber}\\?text=`));
    // The other account keeps its own choice.
    expect(await inviteUrl()).toMatch(new RegExp(`^https://wa\\.me/${mainNumber}\\?text=`));

    // Only a connected WhatsApp number of this workspace, chosen on an Instagram account.
    const wrongKind = await env.adminApi.request('PATCH', `/api/channels/${outlet.instagram}/settings`, { invitesWhatsAppChannelId: outlet.instagram });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.error.message).toContain('WhatsApp number');
    expect((await env.adminApi.request('PATCH', `/api/channels/${outlet.whatsapp}/settings`, { invitesWhatsAppChannelId: outlet.whatsapp })).status).toBe(422);
    expect((await env.agentApi.request('PATCH', `/api/channels/${outlet.instagram}/settings`, { invitesWhatsAppChannelId: null })).status).toBe(403);

    // Once the chosen number is disconnected, invites fall back to the first connected one.
    expect((await env.adminApi.request('DELETE', `/api/channels/${outlet.whatsapp}`)).status).toBe(200);
    expect(await inviteUrl(OUTLET_IG.accountId)).toMatch(new RegExp(`^https://wa\\.me/${mainNumber}\\?text=`));
  });
});
