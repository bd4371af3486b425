import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTAGRAM_LINK_CONFIRMATION_TEXT } from '../../src/usecases/contactMerge/steps/completeInvite';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';
import { contactView, conversationOf, itemsIn, linkCustomer, sendInstagramLinkTo } from './inviteFlow';

/**
 * The guide's invite the other way: a WhatsApp customer taps Open Instagram, Meta tells Braid the
 * ig.me link's ref (a `messaging_referral`, or the `referral` of the first message of a new
 * thread), and the Instagram identity is linked by the same rules as a WhatsApp invite code.
 */
let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

async function oneContact(contactId: string) {
  const view = await contactView(env, contactId);
  return { view, instagram: view.identities.instagram.length, whatsapp: view.identities.whatsapp.length };
}

async function withManualMerge<T>(work: () => Promise<T>): Promise<T> {
  expect((await env.adminApi.patch(`/api/channels/${env.instagram.id}/settings`, { allowAutoMerge: false })).status).toBe(200);
  try {
    return await work();
  } finally {
    await env.adminApi.patch(`/api/channels/${env.instagram.id}/settings`, { allowAutoMerge: true });
  }
}

describe('Instagram link from WhatsApp', () => {
  it('auto merge, new Instagram thread: the ref rides on the first message and the WhatsApp contact gains the Instagram account', async () => {
    const { customer, wa, url, inviteId } = await linkCustomer(env, 'Carla Mendes', { igUsername: 'carla.mendes' });
    expect(await env.platform.openIgMeLink(customer.id, url)).toEqual({ opened: 'instagram', referral: 'on_first_message' });
    await env.platform.sendInstagramText(customer.id, 'Hi from Instagram');
    await env.settle();

    const { view, instagram, whatsapp } = await oneContact(wa.contactId);
    expect([instagram, whatsapp]).toEqual([1, 1]);
    expect(view.identities.instagram[0]).toMatchObject({ externalId: customer.igsid });
    expect(view.invites.find((i: any) => i.id === inviteId)).toMatchObject({ state: 'merged', direction: 'to_instagram', igIdentityId: view.identities.instagram[0].id });

    // Told on Instagram that it worked, and on WhatsApp which Instagram account was linked, with Not me.
    const igSends = await env.platform.sends({ channel: 'instagram', customerId: customer.id });
    expect(igSends.map((s) => (s.body as any).message?.text)).toContain(INSTAGRAM_LINK_CONFIRMATION_TEXT);
    const notice = (await env.platform.sends({ channel: 'whatsapp', customerId: customer.id })).at(-1)!.body as any;
    expect(notice.interactive.body.text).toContain('the Instagram account @carla.mendes');
    expect(notice.interactive.action.buttons[0].reply.title).toBe('Not me');

    // The code is kept only as a hash: the first message's stored referral shows it masked.
    const ig = await conversationOf(env, 'instagram', 'carla.mendes');
    const thread = await env.agentApi.get(`/api/conversations/${ig.id}/messages`);
    const code = new URL(url).searchParams.get('ref')!;
    expect(JSON.stringify(thread.body)).not.toContain(code);

    const history = await env.agentApi.get(`/api/contacts/${wa.contactId}/history`);
    expect(history.body.events.map((e: any) => e.action)).toEqual(expect.arrayContaining(['invite.sent', 'invite.connected', 'contact.merged', 'invite.merged']));
  });

  it('auto merge, Instagram thread already there: the messaging_referral alone (no message) links them', async () => {
    const customer = await env.platform.createCustomer({ name: 'Diego Rocha', igUsername: 'diego.rocha' });
    await env.platform.sendInstagramText(customer.id, 'Saw your post');
    await env.platform.sendWhatsAppText(customer.id, 'Hello on WhatsApp');
    await env.settle();
    const wa = await conversationOf(env, 'whatsapp', 'Diego');
    const ig = await conversationOf(env, 'instagram', 'diego.rocha');
    expect(ig.contactId).not.toBe(wa.contactId);
    const { url, inviteId } = await sendInstagramLinkTo(env, wa.id, customer.id);

    expect(await env.platform.openIgMeLink(customer.id, url)).toEqual({ opened: 'instagram', referral: 'sent' });
    await env.settle();
    const { view, instagram, whatsapp } = await oneContact(wa.contactId);
    expect([instagram, whatsapp]).toEqual([1, 1]);
    expect(view.invites.find((i: any) => i.id === inviteId).state).toBe('merged');
    expect(view.contact.id).toBe(wa.contactId);
    const referral = (await env.agentApi.get(`/api/conversations/${ig.id}/messages`)).body.messages.find((m: any) => m.type === 'referral');
    expect(referral.text).toMatch(/ref: ••••-••••-••••-[0-9A-Z]{4}\)/);

    // Not me on WhatsApp undoes it at once.
    const notice = (await env.platform.sends({ channel: 'whatsapp', customerId: customer.id })).at(-1)!;
    const button = (notice.body as any).interactive.action.buttons[0].reply;
    await env.platform.tapWhatsAppButton(customer.id, { id: button.id, title: button.title }, notice.externalId);
    await env.settle();
    expect((await oneContact(wa.contactId)).instagram).toBe(0);
    const notes = await itemsIn(env, wa.id, 'note');
    expect(notes.at(-1)!.text).toContain('The customer tapped Not me: the Instagram account @diego.rocha is not theirs. The merge was undone');
  });

  it('manual merge mode: a merge request in both threads, one contact after the agent clicks Merge', async () => {
    await withManualMerge(async () => {
      const { customer, wa, url, inviteId } = await linkCustomer(env, 'Elisa Prado', { igUsername: 'elisa.prado' });
      await env.platform.openIgMeLink(customer.id, url);
      await env.platform.sendInstagramText(customer.id, 'Hi!');
      await env.settle();
      const before = await oneContact(wa.contactId);
      expect(before.instagram).toBe(0);
      const [request] = before.view.pendingMergeRequests;
      expect(request).toMatchObject({ inviteId, survivorContactId: wa.contactId, state: 'pending' });
      const ig = await conversationOf(env, 'instagram', 'elisa.prado');
      const asked = await itemsIn(env, ig.id, 'merge_request');
      expect(asked[0].text).toContain('opened Instagram through the Instagram link sent to');

      const accepted = await env.agentApi.post(`/api/merge-requests/${request.id}/accept`);
      expect(accepted.status, accepted.text).toBe(200);
      await env.settle();
      const after = await oneContact(wa.contactId);
      expect([after.instagram, after.whatsapp]).toEqual([1, 1]);
    });
  });

  it('names that differ ask the agent even with auto merge on', async () => {
    const { customer, wa, url } = await linkCustomer(env, 'Fabio Lima');
    // Someone else's Instagram opens the link Fabio was sent.
    const stranger = await env.platform.createCustomer({ name: 'Zoe Quinn', igUsername: 'zq_99' });
    await env.platform.openIgMeLink(stranger.id, url);
    await env.platform.sendInstagramText(stranger.id, 'hey');
    await env.settle();
    const { view, instagram } = await oneContact(wa.contactId);
    expect(instagram).toBe(0);
    expect(view.pendingMergeRequests[0].reason).toContain('names differ');
    expect(customer.name).toBe('Fabio Lima');
  });
});

describe('Instagram link codes that merge nothing', () => {
  async function lastNote(igUsername: string) {
    const ig = await conversationOf(env, 'instagram', igUsername);
    return { ig, notes: await itemsIn(env, ig.id, 'note') };
  }

  it('a used link opened by another Instagram account', async () => {
    const { customer, wa, url } = await linkCustomer(env, 'Gil Souza', { igUsername: 'gil.souza' });
    await env.platform.openIgMeLink(customer.id, url);
    await env.platform.sendInstagramText(customer.id, 'hi');
    await env.settle();
    expect((await oneContact(wa.contactId)).instagram).toBe(1);

    const stranger = await env.platform.createCustomer({ name: 'Gil Other', igUsername: 'gil.other' });
    await env.platform.openIgMeLink(stranger.id, url);
    await env.platform.sendInstagramText(stranger.id, 'hello');
    await env.settle();
    const { ig, notes } = await lastNote('gil.other');
    expect(notes.map((n) => n.text)).toContain('This Instagram link was already used by a different Instagram account. Nothing was merged: check who this is before linking the contacts.');
    expect(ig.contactId).not.toBe(wa.contactId);
    expect((await oneContact(wa.contactId)).instagram).toBe(1);
  });

  it('an expired link', async () => {
    const { customer, wa, url } = await linkCustomer(env, 'Hana Ito', { igUsername: 'hana.ito' });
    env.braid.clock.advance(25 * 60 * 60 * 1000);
    await env.platform.openIgMeLink(customer.id, url);
    await env.platform.sendInstagramText(customer.id, 'hi');
    await env.settle();
    const { notes } = await lastNote('hana.ito');
    expect(notes.map((n) => n.text)).toContain(
      'The customer opened an Instagram link that has expired. Nothing was merged; send a new Instagram link from the WhatsApp chat if needed.',
    );
    expect((await oneContact(wa.contactId)).instagram).toBe(0);
  });

  it('a link replaced by a newer one, and a made-up code', async () => {
    const { customer, wa, url: older } = await linkCustomer(env, 'Ines Prata', { igUsername: 'ines.prata' });
    await env.platform.sendWhatsAppText(customer.id, 'I did not get it');
    await env.settle();
    await sendInstagramLinkTo(env, wa.id, customer.id);
    await env.platform.openIgMeLink(customer.id, older);
    await env.platform.sendInstagramText(customer.id, 'hi');
    await env.settle();
    expect((await lastNote('ines.prata')).notes.map((n) => n.text)).toContain(
      'The customer opened an older Instagram link that a newer one replaced. Nothing was merged; the newest link still works.',
    );

    const guesser = await env.platform.createCustomer({ name: 'Ines Guess', igUsername: 'ines.guess' });
    await env.platform.openIgMeLink(guesser.id, 'https://ig.me/m/braid.sandbox?ref=7K3Q9PXM2D4R8VNA');
    await env.platform.sendInstagramText(guesser.id, 'hi');
    await env.settle();
    expect((await lastNote('ines.guess')).notes.map((n) => n.text)).toContain(
      'The customer opened an Instagram link whose code does not match any Instagram link sent. Nothing was merged.',
    );
    expect((await oneContact(wa.contactId)).instagram).toBe(0);
  });

  it('a WhatsApp invite’s code in an ig.me link is not an Instagram link', async () => {
    const customer = await env.platform.createCustomer({ name: 'Jo Vale', igUsername: 'jo.vale' });
    await env.platform.sendInstagramText(customer.id, 'hi');
    await env.settle();
    const ig = await conversationOf(env, 'instagram', 'jo.vale');
    const invite = await env.agentApi.post(`/api/conversations/${ig.id}/whatsapp-invite`);
    expect(invite.status).toBe(201);
    await env.settle();
    const template = ((await env.platform.sends({ channel: 'instagram', customerId: customer.id })).at(-1)!.body as any).message.attachment.payload;
    const code = /code ([0-9A-Z-]{19})/.exec(decodeURIComponent(template.buttons[0].url))![1].replaceAll('-', '');
    await env.platform.openIgMeLink(customer.id, `https://ig.me/m/braid.sandbox?ref=${code}`);
    await env.settle();
    expect((await itemsIn(env, ig.id, 'note')).map((n) => n.text)).toContain(
      'The customer opened an Instagram link whose code does not match any Instagram link sent. Nothing was merged.',
    );
    expect((await contactView(env, ig.contactId)).invites[0].state).toBe('sent');
  });

  it('the link is refused where it makes no sense', async () => {
    const customer = await env.platform.createCustomer({ name: 'Kai Reis', igUsername: 'kai.reis' });
    await env.platform.sendInstagramText(customer.id, 'hi');
    await env.settle();
    const ig = await conversationOf(env, 'instagram', 'kai.reis');
    const refused = await env.agentApi.post(`/api/conversations/${ig.id}/instagram-link`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('instagram_link_needs_whatsapp');
    expect((await env.agentApi.post(`/api/conversations/nope/instagram-link`)).status).toBe(404);
  });
});
