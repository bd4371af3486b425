import { expect } from 'vitest';
import { INSTAGRAM_LINK_CONFIRMATION_TEXT, MERGE_CONFIRMATION_TEXT } from '../../../src/usecases/contactMerge/steps/completeInvite';
import { identitiesOn, type MMerge, type Model, resolve, undoOutcome, windowOpen } from './model';
import { notMePayloadOf, sentText, type World } from './world';

/**
 * What must hold after every command, read through the API (and, for what customers received,
 * from the simulated platform), compared with the model.
 */
export async function checkInvariants(m: Model, w: World): Promise<void> {
  const contacts = [...m.contacts.values()];
  const live = contacts.filter((c) => c.mergedInto === null);
  const views = new Map<string, any>(await Promise.all(contacts.map(async (c) => [c.id, await w.view(c.id)] as const)));

  // Every identity belongs to exactly one live contact, the one the model expects.
  const owner = new Map<string, string>();
  for (const contact of live) {
    const view = views.get(contact.id);
    const where = `contact ${contact.id}`;
    expect(view.resolvedFrom, `${where} is live`).toBeNull();
    expect(view.contact.id, where).toBe(contact.id);
    expect(view.contact.mergedIntoId, where).toBeNull();
    const shown = [...view.identities.instagram, ...view.identities.whatsapp];
    for (const identity of shown) {
      expect(owner.get(identity.id), `identity ${identity.id} shown on ${where} and on another live contact`).toBeUndefined();
      owner.set(identity.id, contact.id);
    }
    const expected = identitiesOn(m, contact.id);
    expect(shown.map((i) => i.id).sort(), `identities of ${where}`).toEqual(expected.map((i) => i.id).sort());
    for (const identity of expected) {
      const shownIdentity = shown.find((i) => i.id === identity.id);
      expect(shownIdentity.kind).toBe(identity.kind);
      expect(shownIdentity.conversation?.id, `conversation of ${identity.key}`).toBe(identity.conversationId);
      // The composer says when a channel's reply window is closed.
      expect(shownIdentity.conversation.replyWindowOpen, `reply window of ${identity.key}`).toBe(windowOpen(identity, m.now));
    }
    expect({ name: view.contact.name, phone: view.contact.phone }, `attributes of ${where}`).toEqual({ name: contact.name, phone: contact.phone });

    // At most one Instagram and one WhatsApp identity, unless an agent confirmed a merge that gave it more.
    if (view.identities.instagram.length > 1 || view.identities.whatsapp.length > 1) {
      const confirmed = m.merges.some((x) => x.live && x.confirmedConflict && x.survivorId === contact.id);
      expect(confirmed, `${where} holds two identities of one channel without an agent's confirmation`).toBe(true);
    }

    // A contact lists the invites sent to the identities it holds (after a merge, both contacts'
    // invites; after an undo, each back with its identity), in the state the model expects.
    const invites = m.invites.filter((i) => m.identities.get(i.originKey)!.contactId === contact.id);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const idOf = (key: string | null) => (key ? m.identities.get(key)!.id : null);
    expect(
      view.invites.map((i: any) => ({ id: i.id, state: i.state, waIdentityId: i.waIdentityId, igIdentityId: i.igIdentityId })).sort(byId),
      `invites of ${where}`,
    ).toEqual(
      invites
        .map((i) => {
          const [ig, wa] = i.direction === 'to_whatsapp' ? [i.originKey, i.answerKey] : [i.answerKey, i.originKey];
          return { id: i.id, state: i.state, waIdentityId: idOf(wa), igIdentityId: idOf(ig) };
        })
        .sort(byId),
    );
    const pending = m.requests.filter((r) => r.state === 'pending' && (r.survivorId === contact.id || r.otherId === contact.id));
    expect(
      view.pendingMergeRequests.map((r: any) => ({ id: r.id, inviteId: r.inviteId, survivorContactId: r.survivorContactId, otherContactId: r.otherContactId })).sort(byId),
      `pending merge requests of ${where}`,
    ).toEqual(pending.map((r) => ({ id: r.id, inviteId: r.inviteId, survivorContactId: r.survivorId, otherContactId: r.otherId })).sort(byId));
  }
  for (const identity of m.identities.values()) expect(owner.get(identity.id), `owner of ${identity.key}`).toBe(identity.contactId);
  for (const tombstone of contacts.filter((c) => c.mergedInto !== null)) {
    const view = views.get(tombstone.id);
    expect(view.resolvedFrom, `tombstone ${tombstone.id} resolves`).toBe(tombstone.id);
    expect(view.contact.id, `tombstone ${tombstone.id} resolves to its survivor`).toBe(resolve(m, tombstone.id));
  }

  await checkConversations(m, w);
  await checkTimelines(m, w, live.map((c) => c.id));
  await checkHistories(m, w, live.map((c) => c.id));
  await checkCustomerPhones(m, w);
}

/**
 * Each conversation, opened from the inbox, belongs to the contact that holds its identity and
 * offers the composer exactly that contact's conversations to reply on.
 */
async function checkConversations(m: Model, w: World): Promise<void> {
  const identities = [...m.identities.values()];
  const details = await Promise.all(identities.map((i) => w.api.get(`/api/conversations/${i.conversationId}`)));
  for (const [n, identity] of identities.entries()) {
    const detail = details[n];
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.conversation.contactId, `contact of ${identity.key}'s conversation`).toBe(identity.contactId);
    expect(detail.body.replyChannels.map((c: any) => c.conversationId).sort(), `reply channels of ${identity.key}'s conversation`).toEqual(
      identitiesOn(m, identity.contactId).map((i) => i.conversationId).sort(),
    );
  }
}

/** No message disappears or appears twice; each is on the contact that holds its conversation, in time order. */
async function checkTimelines(m: Model, w: World, liveIds: string[]): Promise<void> {
  const timelines = await Promise.all(liveIds.map((id) => w.timeline(id)));
  const onContact = new Map<string, string>();
  for (const [n, messages] of timelines.entries()) {
    const contactId = liveIds[n];
    const conversations = new Set(identitiesOn(m, contactId).map((i) => i.conversationId));
    for (const message of messages) {
      expect(onContact.get(message.id), `message ${message.id} ("${message.text}") shown twice`).toBeUndefined();
      onContact.set(message.id, contactId);
      expect(conversations.has(message.conversationId), `message "${message.text}" of another contact's conversation on ${contactId}`).toBe(true);
    }
    const times = messages.map((x) => x.at);
    expect(times, `timeline of ${contactId} in time order`).toEqual([...times].sort((a, b) => a - b));
    for (const identity of identitiesOn(m, contactId)) {
      const inbound = messages.filter((x) => x.conversationId === identity.conversationId && x.direction === 'inbound').map((x) => x.text);
      expect(inbound.sort(), `what ${identity.key} wrote, on contact ${contactId}`).toEqual([...identity.texts].sort());
      const replies = messages.filter((x) => x.conversationId === identity.conversationId && x.sentBy === 'agent' && x.type === 'text').map((x) => x.text);
      const expected = m.replies.filter((r) => r.targets.length === 1 && r.targets[0] === identity.key).map((r) => r.text);
      // A reply whose target was a tie is checked at the platform (exactly one send to one of them).
      const tied = m.replies.filter((r) => r.targets.length > 1 && r.targets.includes(identity.key)).map((r) => r.text);
      expect(replies.filter((t) => !tied.includes(t)).sort(), `agent replies in ${identity.key}'s conversation`).toEqual(expected.sort());
    }
  }
  for (const id of m.seen) expect(onContact.has(id), `message ${id} disappeared from every timeline`).toBe(true);
  for (const id of onContact.keys()) m.seen.add(id);
}

/**
 * The audit trail records every merge, rejection and undo once per contact it concerns (both
 * contacts get a line: survivor and merged, or the request's two contacts), and the merges listed
 * in the histories are exactly the model's, live or undone as it expects.
 */
async function checkHistories(m: Model, w: World, liveIds: string[]): Promise<void> {
  const histories = await Promise.all(liveIds.map((id) => w.history(id)));
  const merges = new Map<string, any>();
  const events = new Map<number, any>();
  for (const history of histories) {
    for (const merge of history.merges) merges.set(merge.id, merge);
    for (const event of history.events) events.set(event.id, event);
  }
  const bound = m.merges.filter((x) => x.id);
  expect(bound.length, 'every merge of the model is bound to a real one').toBe(m.merges.length);
  expect([...merges.keys()].sort(), 'merges in the histories').toEqual(bound.map((x) => x.id).sort());
  const all = [...events.values()];
  const lines = (action: string, subjectId: string) => all.filter((e) => e.action === action && e.subjectId === subjectId);
  for (const merge of m.merges) {
    const shown = merges.get(merge.id);
    expect(
      { survivorId: shown.survivorId, mergedId: shown.mergedId, how: shown.how, undone: shown.undoneAt !== null },
      `merge #${merge.n}`,
    ).toEqual({ survivorId: merge.survivorId, mergedId: merge.mergedId, how: merge.how, undone: !merge.live });
    // The history offers Undo exactly where it would work: latest first.
    expect(shown.undoable, `merge #${merge.n} undoable`).toBe(undoOutcome(m, merge) === 'undone');
    const pair = [merge.survivorId, merge.mergedId].sort();
    const merged = lines('contact.merged', merge.id);
    expect(merged.map((e) => e.contactId).sort(), `contact.merged lines of merge #${merge.n}`).toEqual(pair);
    expect(merged.every((e) => e.actorType === merge.actor), `actor of merge #${merge.n}`).toBe(true);
    const unmerged = lines('contact.unmerged', merge.id);
    expect(unmerged.map((e) => e.contactId).sort(), `contact.unmerged lines of merge #${merge.n}`).toEqual(merge.live ? [] : pair);
    if (!merge.live) expect(unmerged.every((e) => e.actorType === merge.undoneBy), `who undid merge #${merge.n}`).toBe(true);
  }
  for (const request of m.requests) {
    const pair = [request.survivorId, request.otherId].sort();
    for (const decision of ['accepted', 'rejected'] as const) {
      const decided = lines(`merge_request.${decision}`, request.id);
      expect(decided.map((e) => e.contactId).sort(), `merge_request.${decision} lines of request #${request.n}`).toEqual(
        request.state === decision ? pair : [],
      );
    }
  }
  const known = new Set([...m.merges.map((x) => x.id), ...m.requests.map((r) => r.id)]);
  const stray = all.filter((e) => /^(contact\.(un)?merged|merge_request\.(accepted|rejected))$/.test(e.action) && !known.has(e.subjectId));
  expect(stray, 'audit lines for merges or decisions nobody made').toEqual([]);
}

/**
 * What each customer's phone received: the WhatsApp confirmations and Not me notices the model
 * expects, and each agent reply exactly once, on the identity the agent chose.
 */
async function checkCustomerPhones(m: Model, w: World): Promise<void> {
  const sends = await Promise.all(m.customers.map((c) => w.sends(c)));
  const replies = new Map(m.replies.map((r) => [r.text, [] as string[]]));
  for (const [index, customerSends] of sends.entries()) {
    const whatsapp = customerSends.filter((s) => s.channel === 'whatsapp');
    const instagram = customerSends.filter((s) => s.channel === 'instagram');
    expect(whatsapp.filter((s) => sentText(s.body) === MERGE_CONFIRMATION_TEXT).length, `WhatsApp confirmations to c${index}`).toBe(m.confirmations[index]);
    expect(instagram.filter((s) => sentText(s.body) === INSTAGRAM_LINK_CONFIRMATION_TEXT).length, `Instagram confirmations to c${index}`).toBe(m.linkConfirmations[index]);
    for (const [channel, received] of [['instagram', instagram], ['whatsapp', whatsapp]] as const) {
      expect(received.map((s) => notMePayloadOf(s.body)).filter(Boolean), `Not me notices to c${index} on ${channel}`).toEqual(
        m.notices[index].filter((n) => n.channel === channel).map((n) => n.payload),
      );
    }
    for (const send of customerSends) {
      const text = sentText(send.body);
      if (text !== undefined && replies.has(text)) replies.get(text)!.push(`c${index}:${send.channel === 'instagram' ? 'ig' : 'wa'}`);
    }
  }
  for (const reply of m.replies) {
    const received = replies.get(reply.text)!;
    expect(received, `"${reply.text}" received once`).toHaveLength(1);
    expect(reply.targets, `"${reply.text}" reached the identity the agent chose`).toContain(received[0]);
  }
}

/**
 * Undo restores both contacts exactly: the contact views read just before the merge and just after
 * the undo are equal, except for what legitimately moves on (see `restorable`).
 */
export async function checkRestored(m: Model, w: World, merge: MMerge): Promise<void> {
  for (const side of ['survivor', 'merged'] as const) {
    const id = side === 'survivor' ? merge.survivorId : merge.mergedId;
    const before = merge.viewsBefore[side];
    const after = await w.view(id);
    expect(restorable(after, merge), `${side} contact ${id} after undoing merge #${merge.n}`).toEqual(restorable(before, merge));
  }
}

/**
 * A contact view without what changes by itself or by design between a merge and its undo:
 * - each conversation's activity (last message, preview, unread count, last inbound time, reply
 *   window, status, assignee): messages keep arriving and time passes; the conversation id stays;
 * - invite states (connected → merged → disputed) and invites sent after the merge (where those
 *   are listed is checked after every command);
 * - pending merge requests, which agents decide meanwhile.
 * The contact row (name, phone, email, attributes, consent, times), its identities, tags and notes
 * are compared as they are.
 */
function restorable(view: any, merge: MMerge) {
  const identities = [...view.identities.instagram, ...view.identities.whatsapp]
    .map(({ conversation, ...identity }: any) => ({ ...identity, conversationId: conversation?.id ?? null }))
    .sort((a: any, b: any) => a.id.localeCompare(b.id));
  return {
    contact: view.contact,
    resolvedFrom: view.resolvedFrom,
    identities,
    tags: view.tags,
    notes: view.notes,
    invites: view.invites.filter((i: any) => merge.invitesBefore.includes(i.id)).map((i: any) => i.id).sort(),
  };
}
