import fc from 'fast-check';
import { expect } from 'vitest';
import { checkInvariants, checkRestored } from './invariants';
import {
  acceptRequest,
  applyMerge,
  applyUndo,
  contactOf,
  count,
  dispute,
  expireInvites,
  identitiesOn,
  INVITE_TTL_MS,
  inviteOutcome,
  keyOf,
  type Kind,
  latestLiveMerge,
  linkOutcome,
  type MCustomer,
  type MIdentity,
  type MMerge,
  type Model,
  mergeConflicts,
  nextText,
  receiveCode,
  rejectRequest,
  replyTarget,
  ROSTER,
  sendInvite,
  undoOutcome,
} from './model';
import { type Crash, CRASHED_LEASE_MS, notMePayloadOf, type World } from './world';

type Real = World;

const MINUTE = 60 * 1000;

function who(customer: number): string {
  const entry = ROSTER[customer];
  return `c${customer} (${entry.first}${entry.phone ? '' : ', no visible number'})`;
}
const channelName = (kind: Kind) => (kind === 'instagram' ? 'Instagram' : 'WhatsApp');
const crashNote = (crash: Crash) =>
  crash === 'before' ? ' [a worker dies before running its jobs]' : crash === 'after' ? ' [a worker dies after running its jobs, before marking them done]' : '';

/**
 * Every command runs against the real app, moves the model the way PRODUCT.md says it must move,
 * checks the command's own outcome, and then checks every invariant.
 */
abstract class Step implements fc.AsyncCommand<Model, Real> {
  abstract holds(m: Readonly<Model>): boolean;
  abstract act(m: Model, w: Real): Promise<void>;
  abstract toString(): string;

  check(m: Readonly<Model>): boolean {
    const holds = this.holds(m);
    if (!holds) m.stats[`skipped.${this.constructor.name}`] = (m.stats[`skipped.${this.constructor.name}`] ?? 0) + 1;
    return holds;
  }

  async run(m: Model, w: Real): Promise<void> {
    count(m, 'commands');
    await this.act(m, w);
    expect(w.now(), 'the model keeps the time').toBe(m.now);
    expireInvites(m);
    await checkInvariants(m, w);
  }
}

/** The customer's identity on a channel, bound to the real one the first time they write there. */
async function bindIdentity(m: Model, w: Real, customer: MCustomer, kind: Kind): Promise<MIdentity> {
  const key = keyOf(customer.index, kind);
  const known = m.identities.get(key);
  if (known) return known;
  const found = await w.findConversation(customer, kind);
  expect(m.contacts.has(found.contactId), `${customer.name} on ${kind} is a new contact`).toBe(false);
  m.contacts.set(found.contactId, { id: found.contactId, name: customer.name, phone: kind === 'whatsapp' ? customer.phone : null, mergedInto: null });
  const identity: MIdentity = { key, customer: customer.index, kind, id: found.identityId, conversationId: found.id, contactId: found.contactId, lastInboundAt: 0, texts: [] };
  m.identities.set(key, identity);
  count(m, `identity.${kind}`);
  return identity;
}

/** After the clock moved for a crashed worker's lease, the model's time follows. */
function afterCrash(m: Model, crash: Crash): void {
  if (crash !== 'none') {
    m.now += CRASHED_LEASE_MS + 1000;
    count(m, `crash.${crash}`);
  }
}

async function bothViews(w: Real, survivorId: string, mergedId: string): Promise<MMerge['viewsBefore']> {
  const [survivor, merged] = await Promise.all([w.view(survivorId), w.view(mergedId)]);
  return { survivor, merged };
}

/** An invite merge was made: bind its id from the survivor's history, and read the Not me notice the customer got. */
async function afterInviteMerge(m: Model, w: Real, merge: MMerge, boundId?: string): Promise<void> {
  if (boundId) merge.id = boundId;
  else {
    const known = new Set(m.merges.map((x) => x.id));
    const fresh = (await w.history(merge.survivorId)).merges.filter((x: any) => !known.has(x.id));
    expect(fresh.map((x: any) => [x.survivorId, x.mergedId]), 'one new merge').toEqual([[merge.survivorId, merge.mergedId]]);
    merge.id = fresh[0].id;
  }
  const invite = m.invites.find((i) => i.id === merge.inviteId)!;
  const expected = merge.told;
  expect(expected, `merge #${merge.n} completed its invite`).toBeTruthy();
  const owner = m.customers[invite.customer];
  const channel: Kind = invite.direction === 'to_whatsapp' ? 'instagram' : 'whatsapp';
  const payloads = (await w.sends(owner, channel)).map((s) => notMePayloadOf(s.body)).filter((p) => p?.startsWith(`NOT_ME:${merge.id}:`));
  expect(payloads, `Not me notice for merge #${merge.n} (${channelName(channel)} window ${expected!.notice ? 'open' : 'closed'})`).toHaveLength(expected!.notice ? 1 : 0);
  if (payloads[0]) {
    const notice = { merge, payload: payloads[0], channel };
    m.notices[invite.customer].push(notice);
    m.noticeLog.push({ customer: invite.customer, notice });
  }
}

export class CustomerWrites extends Step {
  constructor(readonly customer: number, readonly kind: Kind, readonly crash: Crash) {
    super();
  }
  holds() {
    return true;
  }
  async act(m: Model, w: Real) {
    const customer = m.customers[this.customer];
    const text = nextText(m, `${customer.token} writes on ${this.kind}, message`);
    const at = m.now;
    await w.customerActs(
      () => (this.kind === 'instagram' ? w.env.platform.sendInstagramText(customer.id, text) : w.env.platform.sendWhatsAppText(customer.id, text)),
      this.crash,
    );
    afterCrash(m, this.crash);
    const identity = await bindIdentity(m, w, customer, this.kind);
    identity.lastInboundAt = at;
    identity.texts.push(text);
  }
  toString() {
    return `${who(this.customer)} writes on ${channelName(this.kind)}${crashNote(this.crash)}`;
  }
}

export class SendInvite extends Step {
  constructor(readonly customer: number) {
    super();
  }
  holds(m: Readonly<Model>) {
    return m.identities.has(keyOf(this.customer, 'instagram'));
  }
  async act(m: Model, w: Real) {
    const customer = m.customers[this.customer];
    const ig = m.identities.get(keyOf(this.customer, 'instagram'))!;
    const expected = inviteOutcome(m, this.customer);
    const response = await w.api.post(`/api/conversations/${ig.conversationId}/whatsapp-invite`);
    if (expected.kind !== 'sent') {
      expect(response.status, response.text).toBe(409);
      expect(response.body.error.code).toBe(expected.kind === 'window_closed' ? 'reply_window_closed' : 'contact_has_whatsapp');
      count(m, `invite.refused_${expected.kind}`);
      return;
    }
    expect(response.status, response.text).toBe(201);
    expect(response.body.invite).toMatchObject({ state: 'sent', contactId: ig.contactId, expiresAt: m.now + INVITE_TTL_MS });
    await w.settle();
    const template = (await w.sends(customer, 'instagram')).filter((s) => (s.body as any).message?.attachment?.type === 'template').at(-1);
    const url = (template!.body as any).message.attachment.payload.buttons[0].url as string;
    const sentence = decodeURIComponent(new URL(url).searchParams.get('text')!);
    const code = sentence.match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
    expect(m.invites.some((i) => i.code === code), 'a new code').toBe(false);
    sendInvite(m, {
      id: response.body.invite.id,
      direction: 'to_whatsapp',
      customer: this.customer,
      originKey: ig.key,
      contactId: ig.contactId,
      sentence,
      code,
      sentAt: m.now,
      expiresAt: m.now + INVITE_TTL_MS,
    });
  }
  toString() {
    return `agent sends ${who(this.customer)} a WhatsApp invite`;
  }
}

export type Spelling = 'as sent' | 'in a sentence' | 'typo';

/** One letter of the code replaced by another: still shaped like a code, matching no invite. */
export function typoOf(sentence: string, code: string): string {
  const at = [...code].findIndex((ch) => /[A-Z]/.test(ch));
  const replacement = code[at] === 'X' ? 'Y' : 'X';
  return sentence.replace(code, code.slice(0, at) + replacement + code.slice(at + 1));
}

export class SendCode extends Step {
  /** `from`: the invite's own customer, or another customer (a stranger to that invite, or a second invitee). */
  constructor(readonly invite: number, readonly from: number | 'owner', readonly spelling: Spelling, readonly crash: Crash) {
    super();
  }
  holds(m: Readonly<Model>) {
    return m.invites.length > this.invite && m.invites[this.invite].direction === 'to_whatsapp';
  }
  async act(m: Model, w: Real) {
    const invite = m.invites[this.invite];
    const senderIndex = this.from === 'owner' ? invite.customer : this.from;
    const sender = m.customers[senderIndex];
    const senderKey = keyOf(senderIndex, 'whatsapp');
    const text =
      this.spelling === 'as sent' ? invite.sentence : this.spelling === 'in a sentence' ? `ok ${invite.sentence.toLowerCase()} thanks` : typoOf(invite.sentence, invite.code);
    const receivedAt = m.now;
    let viewsBefore: MMerge['viewsBefore'] | undefined;
    const checkedAt = await w.customerActs(() => w.env.platform.sendWhatsAppText(sender.id, text), this.crash, async () => {
      const identity = await bindIdentity(m, w, sender, 'whatsapp');
      identity.lastInboundAt = receivedAt;
      identity.texts.push(text);
      viewsBefore = await bothViews(w, contactOf(m, invite.originKey).id, contactOf(m, senderKey).id);
    });
    m.now = checkedAt;
    const outcome = receiveCode(m, { senderKey, invite: this.spelling === 'typo' ? null : invite, receivedAt, checkedAt, viewsBefore: viewsBefore! });
    m.now = receivedAt;
    afterCrash(m, this.crash);
    count(m, `code.${outcome.kind === 'refused' ? `refused_${outcome.reason}` : outcome.kind}`);

    const senderIdentity = m.identities.get(senderKey)!;
    const notes = (await w.notes(senderIdentity.conversationId)).filter((n) => String(n.payload.reason).startsWith('invite_code_'));
    expect(notes.map((n) => n.payload.reason), `notes about refused codes in ${senderKey}'s conversation`).toEqual(
      (m.refusals.get(senderIdentity.conversationId) ?? []).map((r) => `invite_code_${r}`),
    );
    if (outcome.kind === 'merged') await afterInviteMerge(m, w, outcome.merge);
    if (outcome.kind === 'requested') {
      const { request } = outcome;
      const known = new Set(m.requests.map((r) => r.id));
      const fresh = (await w.view(request.survivorId)).pendingMergeRequests.filter((r: any) => !known.has(r.id));
      expect(fresh.map((r: any) => [r.inviteId, r.otherContactId]), 'one new merge request').toEqual([[invite.id, request.otherId]]);
      request.id = fresh[0].id;
      expect(fresh[0].reason.includes('names differ'), `request reason "${fresh[0].reason}"`).toBe(request.namesDiffer);
    }
  }
  toString() {
    const from = this.from === 'owner' ? `the customer of invite #${this.invite}` : who(this.from);
    const spelling = this.spelling === 'typo' ? ' with a typo in the code' : this.spelling === 'in a sentence' ? ' in lower case inside a sentence' : '';
    return `${from} sends the code of invite #${this.invite} on WhatsApp${spelling}${crashNote(this.crash)}`;
  }
}

export class SendInstagramLink extends Step {
  constructor(readonly customer: number) {
    super();
  }
  holds(m: Readonly<Model>) {
    return m.identities.has(keyOf(this.customer, 'whatsapp'));
  }
  async act(m: Model, w: Real) {
    const customer = m.customers[this.customer];
    const wa = m.identities.get(keyOf(this.customer, 'whatsapp'))!;
    const expected = linkOutcome(m, this.customer);
    const response = await w.api.post(`/api/conversations/${wa.conversationId}/instagram-link`);
    if (expected.kind !== 'sent') {
      expect(response.status, response.text).toBe(409);
      expect(response.body.error.code).toBe(expected.kind === 'window_closed' ? 'reply_window_closed' : 'contact_has_instagram');
      count(m, `link.refused_${expected.kind}`);
      return;
    }
    expect(response.status, response.text).toBe(201);
    expect(response.body.invite).toMatchObject({ state: 'sent', direction: 'to_instagram', contactId: wa.contactId, expiresAt: m.now + INVITE_TTL_MS });
    await w.settle();
    const cta = (await w.sends(customer, 'whatsapp')).filter((s) => (s.body as any).interactive?.type === 'cta_url').at(-1);
    const url = (cta!.body as any).interactive.action.parameters.url as string;
    const code = new URL(url).searchParams.get('ref')!;
    expect(m.invites.some((i) => i.code === code), 'a new code').toBe(false);
    sendInvite(m, {
      id: response.body.invite.id,
      direction: 'to_instagram',
      customer: this.customer,
      originKey: wa.key,
      contactId: wa.contactId,
      sentence: url,
      code,
      sentAt: m.now,
      expiresAt: m.now + INVITE_TTL_MS,
    });
  }
  toString() {
    return `agent sends ${who(this.customer)} an Instagram link`;
  }
}

/**
 * A customer taps the Open Instagram button of link #`invite` (its own customer, or a stranger it
 * was forwarded to) and writes on the Instagram that opens: the ref reaches Braid as a
 * messaging_referral (Instagram thread already there) or on the first message of a new thread.
 */
export class TapInstagramLink extends Step {
  constructor(readonly invite: number, readonly from: number | 'owner') {
    super();
  }
  holds(m: Readonly<Model>) {
    return m.invites.length > this.invite && m.invites[this.invite].direction === 'to_instagram';
  }
  async act(m: Model, w: Real) {
    const invite = m.invites[this.invite];
    const senderIndex = this.from === 'owner' ? invite.customer : this.from;
    const sender = m.customers[senderIndex];
    const senderKey = keyOf(senderIndex, 'instagram');
    const text = nextText(m, `${sender.token} opens an Instagram link, message`);
    const receivedAt = m.now;
    let viewsBefore: MMerge['viewsBefore'] | undefined;
    const checkedAt = await w.customerActs(
      async () => {
        await w.env.platform.openIgMeLink(sender.id, invite.sentence);
        await w.env.platform.sendInstagramText(sender.id, text);
      },
      'none',
      async () => {
        const identity = await bindIdentity(m, w, sender, 'instagram');
        identity.lastInboundAt = receivedAt;
        identity.texts.push(text);
        viewsBefore = await bothViews(w, contactOf(m, invite.originKey).id, contactOf(m, senderKey).id);
      },
    );
    m.now = checkedAt;
    const outcome = receiveCode(m, { senderKey, invite, receivedAt, checkedAt, viewsBefore: viewsBefore! });
    m.now = receivedAt;
    count(m, `link.${outcome.kind === 'refused' ? `refused_${outcome.reason}` : outcome.kind}`);

    const senderIdentity = m.identities.get(senderKey)!;
    const notes = (await w.notes(senderIdentity.conversationId)).filter((n) => String(n.payload.reason).startsWith('invite_code_'));
    expect(notes.map((n) => n.payload.reason), `notes about refused links in ${senderKey}'s conversation`).toEqual(
      (m.refusals.get(senderIdentity.conversationId) ?? []).map((r) => `invite_code_${r}`),
    );
    if (outcome.kind === 'merged') await afterInviteMerge(m, w, outcome.merge);
    if (outcome.kind === 'requested') {
      const { request } = outcome;
      const known = new Set(m.requests.map((r) => r.id));
      const fresh = (await w.view(request.survivorId)).pendingMergeRequests.filter((r: any) => !known.has(r.id));
      expect(fresh.map((r: any) => [r.inviteId, r.otherContactId]), 'one new merge request').toEqual([[invite.id, request.otherId]]);
      request.id = fresh[0].id;
      expect(fresh[0].reason.includes('names differ'), `request reason "${fresh[0].reason}"`).toBe(request.namesDiffer);
    }
  }
  toString() {
    const from = this.from === 'owner' ? `the customer of link #${this.invite}` : `stranger ${who(this.from)}`;
    return `${from} taps Open Instagram of invite #${this.invite} and writes on Instagram`;
  }
}

export class SetManualMergeMode extends Step {
  constructor(readonly on: boolean) {
    super();
  }
  holds() {
    return true;
  }
  async act(m: Model, w: Real) {
    const response = await w.env.adminApi.patch(`/api/channels/${w.env.instagram.id}/settings`, { allowAutoMerge: !this.on });
    expect(response.status, response.text).toBe(200);
    expect(response.body.settings.allowAutoMerge).toBe(!this.on);
    m.autoMerge = !this.on;
  }
  toString() {
    return `admin turns manual merge mode ${this.on ? 'on' : 'off'}`;
  }
}

export class DecideRequest extends Step {
  constructor(readonly request: number, readonly decision: 'accept' | 'reject') {
    super();
  }
  holds(m: Readonly<Model>) {
    return m.requests.length > this.request;
  }
  async act(m: Model, w: Real) {
    const request = m.requests[this.request];
    if (this.decision === 'reject') {
      const rejected = rejectRequest(m, request);
      const response = await w.api.post(`/api/merge-requests/${request.id}/reject`, { reason: 'Not the same person' });
      expect(response.status, response.text).toBe(rejected ? 200 : 409);
      if (!rejected) expect(response.body.error.code).toBe('merge_request_decided');
      return;
    }
    const viewsBefore = await bothViews(w, request.survivorId, request.otherId);
    const outcome = acceptRequest(m, request, viewsBefore);
    const response = await w.api.post(`/api/merge-requests/${request.id}/accept`);
    if (outcome.kind === 'decided') {
      expect(response.status, response.text).toBe(409);
      expect(response.body.error.code).toBe('merge_request_decided');
      return;
    }
    if (outcome.kind === 'tombstone' || outcome.kind === 'unseen_conflict') {
      expect(response.status, response.text).toBe(409);
      expect(response.body.error.code).toBe(outcome.kind === 'tombstone' ? 'merge_already_merged' : 'merge_needs_confirmation');
      count(m, `request.accept_refused_${outcome.kind}`);
      return;
    }
    expect(response.status, response.text).toBe(200);
    expect(response.body.merge).toMatchObject({ survivorId: request.survivorId, mergedId: request.otherId, how: 'manual' });
    await w.settle();
    await afterInviteMerge(m, w, outcome.merge, response.body.merge.id);
  }
  toString() {
    return `agent ${this.decision === 'accept' ? 'accepts (Merge)' : 'rejects'} merge request #${this.request}`;
  }
}

export class MergeFromContactView extends Step {
  constructor(readonly a: [number, Kind], readonly b: [number, Kind], readonly confirm: boolean) {
    super();
  }
  holds(m: Readonly<Model>) {
    return m.identities.has(keyOf(...this.a)) && m.identities.has(keyOf(...this.b));
  }
  async act(m: Model, w: Real) {
    const inView = contactOf(m, keyOf(...this.a)).id;
    const other = contactOf(m, keyOf(...this.b)).id;
    if (inView === other) {
      const response = await w.api.post(`/api/contacts/${inView}/merge`, { with: other, confirm: this.confirm });
      expect(response.status, response.text).toBe(400);
      expect(response.body.error.code).toBe('merge_same_contact');
      return;
    }
    // The Instagram contact survives; between equals, the contact in view.
    const hasInstagram = (id: string) => identitiesOn(m, id, 'instagram').length > 0;
    const [survivorId, mergedId] = !hasInstagram(inView) && hasInstagram(other) ? [other, inView] : [inView, other];
    const conflict = mergeConflicts(m, survivorId, mergedId);
    const viewsBefore = await bothViews(w, survivorId, mergedId);
    const response = await w.api.post(`/api/contacts/${inView}/merge`, { with: other, confirm: this.confirm });
    if (conflict && !this.confirm) {
      expect(response.status, response.text).toBe(409);
      expect(response.body.error.code).toBe('merge_needs_confirmation');
      count(m, 'merge.refused_unconfirmed');
      return;
    }
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ survivorId, mergedId });
    const merge = applyMerge(m, { survivorId, mergedId, how: 'contact_view', actor: 'user', confirmedConflict: conflict, inviteId: null, viewsBefore });
    merge.id = response.body.merge.id;
    await w.settle();
  }
  toString() {
    const side = ([c, kind]: [number, Kind]) => `${who(c)}'s ${channelName(kind)} contact`;
    return `agent merges ${side(this.b)} into ${side(this.a)} from the contact view${this.confirm ? ', confirming any conflict' : ''}`;
  }
}

export class UndoMerge extends Step {
  /** `latest`: the latest live merge of the run; a number: that merge of the run, whatever its state. */
  constructor(readonly which: 'latest' | number) {
    super();
  }
  holds(m: Readonly<Model>) {
    return (this.which === 'latest' ? latestLiveMerge(m) !== undefined : m.merges.length > this.which);
  }
  async act(m: Model, w: Real) {
    const merge = this.which === 'latest' ? latestLiveMerge(m)! : m.merges[this.which];
    const outcome = undoOutcome(m, merge);
    if (this.which === 'latest') expect(outcome, 'the latest live merge can always be undone').toBe('undone');
    const response = await w.api.post(`/api/merges/${merge.id}/undo`, { reason: 'Merged by mistake' });
    if (outcome !== 'undone') {
      expect(response.status, response.text).toBe(409);
      expect(response.body.error.code).toBe(outcome === 'already_undone' ? 'merge_already_undone' : 'undo_out_of_order');
      count(m, `undo.refused_${outcome}`);
      return;
    }
    expect(response.status, response.text).toBe(200);
    applyUndo(m, merge, 'user');
    await w.settle();
    await checkRestored(m, w, merge);
  }
  toString() {
    return this.which === 'latest' ? 'agent undoes the latest merge' : `agent undoes merge #${this.which}`;
  }
}

export class TapNotMe extends Step {
  /** The n-th Not me notice of the run, tapped by the customer who received it. */
  constructor(readonly notice: number, readonly crash: Crash) {
    super();
  }
  holds(m: Readonly<Model>) {
    return m.noticeLog.length > this.notice;
  }
  async act(m: Model, w: Real) {
    const { customer: index, notice } = m.noticeLog[this.notice];
    const customer = m.customers[index];
    // The notice is where the invite was sent: Instagram (a quick reply) or WhatsApp (a reply button).
    const ig = m.identities.get(keyOf(index, notice.channel))!;
    const at = m.now;
    const ranAt = await w.customerActs(
      () =>
        notice.channel === 'instagram'
          ? w.env.platform.tapInstagramQuickReply(customer.id, 'Not me', notice.payload)
          : w.env.platform.tapWhatsAppButton(customer.id, { id: notice.payload, title: 'Not me' }),
      this.crash,
    );
    ig.lastInboundAt = at;
    ig.texts.push('Not me');
    m.now = ranAt;
    const outcome = dispute(m, notice);
    m.now = at;
    afterCrash(m, this.crash);
    count(m, `dispute.${outcome.kind}`);
    const notes = (await w.notes(ig.conversationId)).filter((n) => n.payload.reason === 'merge_disputed');
    expect(notes.length, `Not me notes in ${ig.key}'s conversation`).toBe(m.disputeNotes.get(ig.conversationId) ?? 0);
    if (outcome.kind === 'undone') await checkRestored(m, w, notice.merge);
  }
  toString() {
    return `the customer of Not me notice #${this.notice} taps Not me${crashNote(this.crash)}`;
  }
}

export class AgentReplies extends Step {
  constructor(readonly customer: number, readonly from: Kind, readonly channel: Kind) {
    super();
  }
  holds(m: Readonly<Model>) {
    return m.identities.has(keyOf(this.customer, this.from));
  }
  async act(m: Model, w: Real) {
    const from = m.identities.get(keyOf(this.customer, this.from))!;
    const target = replyTarget(m, from.key, this.channel);
    const text = nextText(m, `agent reply on ${this.channel}`);
    const response = await w.api.post(`/api/conversations/${from.conversationId}/messages`, { text, channel: this.channel });
    if (target.kind !== 'send') {
      expect(response.status, response.text).toBe(409);
      expect(response.body.error.code).toBe(target.kind === 'not_linked' ? 'channel_not_linked' : 'reply_window_closed');
      count(m, `reply.refused_${target.kind}`);
      return;
    }
    expect(response.status, response.text).toBe(201);
    const conversations = target.targets.map((key) => m.identities.get(key)!.conversationId);
    expect(conversations, 'the reply is stored in the chosen conversation').toContain(response.body.message.conversationId);
    m.replies.push({ text, targets: target.targets });
    count(m, this.channel === this.from ? 'reply.same_channel' : 'reply.other_channel');
    await w.settle();
  }
  toString() {
    return `agent replies on ${channelName(this.channel)} from ${who(this.customer)}'s ${channelName(this.from)} conversation`;
  }
}

export class ClockAdvances extends Step {
  constructor(readonly ms: number) {
    super();
  }
  holds() {
    return true;
  }
  async act(m: Model, w: Real) {
    w.env.braid.clock.advance(this.ms);
    m.now += this.ms;
    await w.settle();
  }
  toString() {
    const minutes = this.ms / MINUTE;
    return `the clock advances ${minutes < 120 ? `${minutes} min` : minutes < 48 * 60 ? `${minutes / 60} h` : `${minutes / 60 / 24} days`}`;
  }
}

/** Mostly the first customers, so that one customer's steps meet in a sequence; sometimes anyone. */
const customer = fc.oneof(
  { arbitrary: fc.constant(0), weight: 10 },
  { arbitrary: fc.constant(1), weight: 5 },
  { arbitrary: fc.constant(2), weight: 3 },
  { arbitrary: fc.integer({ min: 3, max: ROSTER.length - 1 }), weight: 2 },
);
const kind = fc.constantFrom<Kind>('instagram', 'whatsapp');
const crash = fc.constantFrom<Crash>('none', 'none', 'none', 'none', 'none', 'before', 'after');
/** The n-th invite, request, notice or merge of the run: mostly the first. */
const few = fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.constant(1), weight: 2 }, { arbitrary: fc.constant(2), weight: 1 });
const times = <T>(n: number, arbitrary: fc.Arbitrary<T>) => Array.from({ length: n }, () => arbitrary);

const spelling = fc.constantFrom<Spelling>('as sent', 'as sent', 'as sent', 'in a sentence', 'typo');
const codeSender = fc.oneof({ arbitrary: fc.constant<'owner'>('owner'), weight: 3 }, { arbitrary: customer, weight: 1 });
const advance = fc.constantFrom(MINUTE, 30 * MINUTE, 61 * MINUTE, 6 * 60 * MINUTE, 23 * 60 * MINUTE, 25 * 60 * MINUTE, 3 * 24 * 60 * MINUTE);

/** The commands, weighted so that most runs invite, sync and merge, and many undo. */
export function mergeCommands(maxCommands: number) {
  return fc.commands<Model, Real, false>(
    [
      ...times(5, fc.tuple(customer, crash).map(([c, x]) => new CustomerWrites(c, 'instagram', x))),
      ...times(2, fc.tuple(customer, crash).map(([c, x]) => new CustomerWrites(c, 'whatsapp', x))),
      ...times(5, customer.map((c) => new SendInvite(c))),
      ...times(8, fc.tuple(few, codeSender, spelling, crash).map(([i, from, how, x]) => new SendCode(i, from, how, x))),
      ...times(2, customer.map((c) => new SendInstagramLink(c))),
      ...times(3, fc.tuple(few, codeSender).map(([i, from]) => new TapInstagramLink(i, from))),
      ...times(2, fc.boolean().map((on) => new SetManualMergeMode(on))),
      ...times(3, few.map((i) => new DecideRequest(i, 'accept'))),
      few.map((i) => new DecideRequest(i, 'reject')),
      ...times(2, fc.tuple(customer, kind, customer, kind, fc.boolean()).map(([a, ak, b, bk, confirm]) => new MergeFromContactView([a, ak], [b, bk], confirm))),
      ...times(2, fc.constant(null).map(() => new UndoMerge('latest'))),
      few.map((i) => new UndoMerge(i)),
      ...times(3, fc.tuple(few, crash).map(([i, x]) => new TapNotMe(i, x))),
      ...times(3, fc.tuple(customer, kind, kind).map(([c, from, channel]) => new AgentReplies(c, from, channel))),
      ...times(2, advance.map((ms) => new ClockAdvances(ms))),
    ],
    { maxCommands, size: 'max' },
  );
}
