import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInviteCode } from '../../src/domain/contactMerge/inviteCode';
import { GUESS_LIMIT, GUESS_WINDOW_MS } from '../../src/usecases/contactMerge/detectInviteCode';
import { startBraidWithPlatform, type BraidWithPlatform } from '../withPlatform';
import { contactView, conversationOf, inviteCustomer, itemsIn, sendInvite } from './inviteFlow';

/** Every way a code can be wrong merges nothing and tells the agent why, in the WhatsApp conversation. */
let env: BraidWithPlatform;
beforeAll(async () => {
  env = await startBraidWithPlatform();
});
afterAll(async () => {
  await env?.close();
});

async function whatsappOnly(name: string, text: string) {
  const customer = await env.platform.createCustomer({ name });
  await env.platform.sendWhatsAppText(customer.id, text);
  await env.settle();
  return { customer, wa: await conversationOf(env, 'whatsapp', name) };
}

async function expectNotMerged(...contactIds: string[]) {
  for (const id of contactIds) {
    const view = await contactView(env, id);
    expect(view.contact.id).toBe(id);
    expect(view.identities.instagram.length + view.identities.whatsapp.length).toBe(1);
  }
}

describe('invite attacks merge nothing', () => {
  it('a used code sent by a different WhatsApp user', async () => {
    const ana = await inviteCustomer(env, 'Ana Pires', 'ana.pires');
    await env.platform.sendWhatsAppText(ana.customer.id, ana.sentence);
    await env.settle();
    expect((await contactView(env, ana.ig.contactId)).identities.whatsapp).toHaveLength(1);

    const eve = await whatsappOnly('Eve Mallory', ana.sentence);
    await expectNotMerged(eve.wa.contactId);
    const [note] = await itemsIn(env, eve.wa.id, 'note');
    expect(note.text).toContain('already used by a different WhatsApp user');
    expect((await contactView(env, ana.ig.contactId)).invites[0]).toMatchObject({ id: ana.inviteId, state: 'merged' });

    // The rightful customer repeating the code changes nothing and is not scolded.
    const anaWa = (await contactView(env, ana.ig.contactId)).identities.whatsapp[0].conversation.id;
    await env.platform.sendWhatsAppText(ana.customer.id, ana.sentence);
    await env.settle();
    expect(await itemsIn(env, anaWa, 'note')).toEqual([]);
  });

  it('an expired code', async () => {
    const carl = await inviteCustomer(env, 'Carl Moss', 'carl.moss');
    env.braid.clock.advance(25 * 60 * 60 * 1000);
    await env.platform.sendWhatsAppText(carl.customer.id, carl.sentence);
    await env.settle();
    const wa = await conversationOf(env, 'whatsapp', 'Carl');
    await expectNotMerged(carl.ig.contactId, wa.contactId);
    expect((await itemsIn(env, wa.id, 'note'))[0].text).toContain('expired');
    expect((await contactView(env, carl.ig.contactId)).invites[0].state).toBe('expired');
  });

  it('a superseded code; the newest one still works', async () => {
    const dan = await inviteCustomer(env, 'Dan Reis', 'dan.reis');
    const second = await sendInvite(env, dan.ig.id, dan.customer.id);
    const invites = (await contactView(env, dan.ig.contactId)).invites;
    expect(invites.map((i: any) => [i.id, i.state])).toEqual([[second.inviteId, 'sent'], [dan.inviteId, 'superseded']]);
    const igItems = await itemsIn(env, dan.ig.id, 'invite');
    expect(igItems.map((i) => i.payload.state)).toEqual(['superseded', 'sent']);

    await env.platform.sendWhatsAppText(dan.customer.id, dan.sentence);
    await env.settle();
    const wa = await conversationOf(env, 'whatsapp', 'Dan');
    await expectNotMerged(dan.ig.contactId, wa.contactId);
    expect((await itemsIn(env, wa.id, 'note'))[0].text).toContain('older invite');

    await env.platform.sendWhatsAppText(dan.customer.id, second.sentence);
    await env.settle();
    expect((await contactView(env, dan.ig.contactId)).identities.whatsapp).toHaveLength(1);
  });

  it('an unknown code, and guessing is throttled per sender', async () => {
    const fay = await whatsappOnly('Fay Guess', 'my code is 7K3Q-9PXM-2D4R-8VNA');
    expect((await itemsIn(env, fay.wa.id, 'note'))[0].text).toContain('does not match any invite');
    // Ordinary numbers that only loosely look like a code are not reported.
    await env.platform.sendWhatsAppText(fay.customer.id, 'order 4532 1234 5678 9012, call me on 912 345 678');
    await env.settle();
    expect(await itemsIn(env, fay.wa.id, 'note')).toHaveLength(1);

    const gus = await inviteCustomer(env, 'Gus Tavares', 'gus.tavares');
    const guesses = ['2ABC-3DEF-4GHJ-5KMN', '6PQR-7STV-8WXY-9ZAB', '2CDE-3FGH-4JKM-5NPQ', '6RST-7VWX-8YZA-9BCD', '2EFG-3HJK-4MNP-5QRS'];
    for (const guess of guesses.slice(0, GUESS_LIMIT)) await env.platform.sendWhatsAppText(gus.customer.id, guess);
    await env.settle();
    const wa = await conversationOf(env, 'whatsapp', 'Gus');
    const notes = await itemsIn(env, wa.id, 'note');
    expect(notes).toHaveLength(GUESS_LIMIT);
    expect(notes.filter((n) => n.text.includes('not checked until'))).toHaveLength(1);
    // While throttled even his own valid code is not checked: nothing merges, no more notes.
    await env.platform.sendWhatsAppText(gus.customer.id, gus.sentence);
    await env.settle();
    await expectNotMerged(gus.ig.contactId, wa.contactId);
    expect((await contactView(env, gus.ig.contactId)).invites[0].state).toBe('sent');
    expect(await itemsIn(env, wa.id, 'note')).toHaveLength(GUESS_LIMIT);
  });

  it('a burst of codes sent at once is throttled at the limit, not checked in full', async () => {
    const ida = await inviteCustomer(env, 'Ida Rajada', 'ida.rajada');
    const burst = Array.from({ length: 3 * GUESS_LIMIT }, () => `code ${generateInviteCode()}`);
    await Promise.all(burst.map((guess) => env.platform.sendWhatsAppText(ida.customer.id, guess)));
    await env.settle();
    const wa = await conversationOf(env, 'whatsapp', 'Ida');
    // Checks that ran in parallel each saw the count before the others added theirs: only
    // GUESS_LIMIT codes may be checked and noted, whatever order the jobs ran in.
    expect(await itemsIn(env, wa.id, 'note')).toHaveLength(GUESS_LIMIT);
    await env.platform.sendWhatsAppText(ida.customer.id, ida.sentence);
    await env.settle();
    await expectNotMerged(ida.ig.contactId, wa.contactId);
  });

  it('the guessing window ends after its period: the code is checked again, and a new window throttles anew', async () => {
    const hal = await inviteCustomer(env, 'Hal Prado', 'hal.prado');
    const badCodes = (n: number) => Array.from({ length: n }, () => `code ${generateInviteCode()}`);
    for (const guess of badCodes(GUESS_LIMIT)) await env.platform.sendWhatsAppText(hal.customer.id, guess);
    await env.settle();
    const wa = await conversationOf(env, 'whatsapp', 'Hal');
    expect((await itemsIn(env, wa.id, 'note')).filter((n) => n.text.includes('not checked until'))).toHaveLength(1);

    // An hour later the window is over: the next bad code opens a new window with one strike.
    env.braid.clock.advance(GUESS_WINDOW_MS + 1);
    for (const guess of badCodes(GUESS_LIMIT)) await env.platform.sendWhatsAppText(hal.customer.id, guess);
    await env.settle();
    const notes = await itemsIn(env, wa.id, 'note');
    expect(notes).toHaveLength(2 * GUESS_LIMIT);
    expect(notes.slice(GUESS_LIMIT).filter((n) => n.text.includes(`sent ${GUESS_LIMIT} invalid codes`))).toHaveLength(1);
    // The new window throttles him again: even his own code is not checked now.
    await env.platform.sendWhatsAppText(hal.customer.id, hal.sentence);
    await env.settle();
    await expectNotMerged(hal.ig.contactId, wa.contactId);

    // And once that window is over too, his own code works.
    env.braid.clock.advance(GUESS_WINDOW_MS + 1);
    await env.platform.sendWhatsAppText(hal.customer.id, hal.sentence);
    await env.settle();
    expect((await contactView(env, hal.ig.contactId)).identities.whatsapp).toHaveLength(1);
  });
});

describe('conflicts ask the agent even with auto merge on', () => {
  it('the WhatsApp sender already belongs to a contact with another Instagram account', async () => {
    const ivy = await env.platform.createCustomer({ name: 'Ivy Lopes', igUsername: 'ivy.lopes' });
    await env.platform.sendInstagramText(ivy.id, 'Hello');
    await env.platform.sendWhatsAppText(ivy.id, 'Hello from WhatsApp');
    await env.settle();
    const ivyIg = await conversationOf(env, 'instagram', 'ivy.lopes');
    const ivyWa = await conversationOf(env, 'whatsapp', 'Ivy');
    expect((await env.agentApi.post(`/api/contacts/${ivyIg.contactId}/merge`, { with: ivyWa.contactId })).status).toBe(200);

    const jay = await inviteCustomer(env, 'Jay Neves', 'jay.neves');
    await env.platform.sendWhatsAppText(ivy.id, jay.sentence);
    await env.settle();

    const view = await contactView(env, jay.ig.contactId);
    expect(view.identities.whatsapp).toEqual([]);
    expect(view.invites[0].state).toBe('connected');
    const [request] = view.pendingMergeRequests;
    expect(request).toMatchObject({ survivorContactId: jay.ig.contactId, otherContactId: ivyIg.contactId, state: 'pending' });
    expect(request.reason).toContain('2 Instagram accounts');

    const rejected = await env.agentApi.post(`/api/merge-requests/${request.id}/reject`, { reason: 'Different people' });
    expect(rejected.status).toBe(200);
    expect((await contactView(env, jay.ig.contactId)).invites[0].state).toBe('rejected');
    const items = await itemsIn(env, jay.ig.id, 'merge_request');
    expect(items[0].payload).toMatchObject({ mergeRequestId: request.id, state: 'rejected' });
  });
});
