import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, TEST_PASSWORD } from '../../../test/factories';
import { startTestBraid, type TestBraid } from '../../../test/harness';
import { ApiClient } from '../../../test/http';
import { addCustomer, addInbound } from '../../../test/mergeFixtures';
import { generateInviteCode } from '../../domain/contactMerge/inviteCode';
import { detectInviteCode } from './detectInviteCode';
import { sendWhatsAppInvite } from './sendWhatsAppInvite';

let braid: TestBraid;
beforeAll(async () => {
  braid = await startTestBraid();
});
afterAll(async () => {
  await braid?.close();
});

/** An Instagram customer with an invite; returns the sentence the Connect button pre-fills. */
async function invited(ws: Awaited<ReturnType<typeof createWorkspace>>, username: string) {
  const ig = await addCustomer(braid.ctx, ws.instagram, { username });
  const { invite, message } = await sendWhatsAppInvite(braid.ctx, { workspaceId: ws.workspace.id, conversationId: ig.conversation.id, actorId: ws.agent.id });
  const url = (message.payload.outbound as { buttons: { url: string }[] }).buttons[0].url;
  return { ig, invite, sentence: decodeURIComponent(url.split('?text=')[1]) };
}

describe('detectInviteCode', () => {
  it('a code is bound to its workspace: in another one it is unknown', async () => {
    const home = await createWorkspace(braid.ctx);
    const other = await createWorkspace(braid.ctx);
    const { invite, sentence } = await invited(home, 'bound');
    const stranger = await addCustomer(braid.ctx, other.whatsapp, { phone: '351930000001', wroteAt: null });
    const messageId = await addInbound(braid.ctx, stranger.conversation, sentence, braid.clock.now());
    expect(await detectInviteCode(braid.ctx, { messageId })).toEqual({ outcome: 'refused', reason: 'unknown', inviteId: null });
    expect((await braid.ctx.store.repos.invites.get(home.workspace.id, invite.id))?.state).toBe('sent');
  });

  it('a second WhatsApp account for the contact asks the agent even with auto merge on', async () => {
    const ws = await createWorkspace(braid.ctx);
    const api = new ApiClient(braid.url);
    await api.signIn(ws.agent.email, TEST_PASSWORD);
    const { ig, invite, sentence } = await invited(ws, 'twowa');
    // Meanwhile an agent links the Instagram contact to one WhatsApp number by hand.
    const first = await addCustomer(braid.ctx, ws.whatsapp, { phone: '351930000002' });
    expect((await api.post(`/api/contacts/${ig.contact.id}/merge`, { with: first.contact.id })).status).toBe(200);

    const second = await addCustomer(braid.ctx, ws.whatsapp, { phone: '351930000003', wroteAt: null });
    const messageId = await addInbound(braid.ctx, second.conversation, `  ${sentence.toLowerCase().replaceAll('-', ' ')}  `, braid.clock.now());
    const outcome = await detectInviteCode(braid.ctx, { messageId });
    expect(outcome).toMatchObject({ outcome: 'requested', inviteId: invite.id });
    const view = await api.get(`/api/contacts/${ig.contact.id}`);
    expect(view.body.identities.whatsapp.map((i: { id: string }) => i.id)).toEqual([first.identity.id]);
    expect(view.body.pendingMergeRequests[0].reason).toContain('2 WhatsApp accounts');
    expect(view.body.invites[0]).toMatchObject({ state: 'connected', waIdentityId: second.identity.id });

    // The job running again (a worker died before marking it done) finds the message checked: nothing changes.
    expect(await detectInviteCode(braid.ctx, { messageId })).toEqual({ outcome: 'ignored' });
    expect((await api.get(`/api/contacts/${ig.contact.id}`)).body.pendingMergeRequests).toHaveLength(1);
  });

  it('a refused code checked again after a worker died before marking its job done leaves one note and one strike', async () => {
    const ws = await createWorkspace(braid.ctx);
    await invited(ws, 'twice');
    const wa = await addCustomer(braid.ctx, ws.whatsapp, { phone: '351930000009', wroteAt: null });
    const messageId = await addInbound(braid.ctx, wa.conversation, `code ${generateInviteCode()}`, braid.clock.now());
    expect(await detectInviteCode(braid.ctx, { messageId })).toEqual({ outcome: 'refused', reason: 'unknown', inviteId: null });
    expect(await detectInviteCode(braid.ctx, { messageId })).toEqual({ outcome: 'ignored' });

    const { repos } = braid.ctx.store;
    const thread = await repos.messages.thread([wa.conversation.id], { limit: 50 });
    expect(thread.filter((m) => m.direction === 'system' && m.type === 'note')).toHaveLength(1);
    expect((await repos.codeGuesses.get(`wa:${wa.identity.id}`))?.failures).toBe(1);
  });

  it('a code that arrives after its expiry is refused even before the expiry job has run', async () => {
    const ws = await createWorkspace(braid.ctx);
    const { ig, invite, sentence } = await invited(ws, 'toolate');
    braid.clock.advance(invite.expiresAt - braid.clock.now() + 60_000);
    // The worker is behind: nothing has marked the invite expired yet.
    expect((await braid.ctx.store.repos.invites.get(ws.workspace.id, invite.id))?.state).toBe('sent');

    const wa = await addCustomer(braid.ctx, ws.whatsapp, { phone: '351930000005', wroteAt: null });
    const messageId = await addInbound(braid.ctx, wa.conversation, sentence, braid.clock.now());
    expect(await detectInviteCode(braid.ctx, { messageId })).toEqual({ outcome: 'refused', reason: 'expired', inviteId: invite.id });

    const stored = await braid.ctx.store.repos.invites.get(ws.workspace.id, invite.id);
    expect(stored).toMatchObject({ state: 'expired', waIdentityId: null });
    const api = new ApiClient(braid.url);
    await api.signIn(ws.agent.email, TEST_PASSWORD);
    const view = await api.get(`/api/contacts/${ig.contact.id}`);
    expect(view.body.identities.whatsapp).toEqual([]);
    expect(view.body.pendingMergeRequests).toEqual([]);
    expect((await api.get(`/api/contacts/${wa.contact.id}`)).status).toBe(200);
  });

  it('messages without a code, and messages that are not inbound WhatsApp text, are ignored', async () => {
    const ws = await createWorkspace(braid.ctx);
    const { sentence, ig } = await invited(ws, 'ignored');
    const wa = await addCustomer(braid.ctx, ws.whatsapp, { phone: '351930000004', wroteAt: null });
    const plain = await addInbound(braid.ctx, wa.conversation, 'Hello, is the shop open on Sunday?', braid.clock.now());
    expect(await detectInviteCode(braid.ctx, { messageId: plain })).toEqual({ outcome: 'ignored' });
    const onInstagram = await addInbound(braid.ctx, ig.conversation, sentence, braid.clock.now());
    expect(await detectInviteCode(braid.ctx, { messageId: onInstagram })).toEqual({ outcome: 'ignored' });
  });
});
