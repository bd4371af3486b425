/**
 * The in-memory model of Contact Merge Automation that the model-based test runs beside a real
 * Braid. It knows only what PRODUCT.md promises (plus the documented constants: 24-hour invites and
 * reply windows, 5 bad codes an hour), written from the rules rather than from the code, and it
 * tracks only the entities of its own run: five customers created for the run, the identities,
 * contacts, invites, merge requests and merges they lead to. Real ids are bound into it as the
 * test learns them from the API.
 */

export type Kind = 'instagram' | 'whatsapp';
export type InviteState = 'sent' | 'connected' | 'merged' | 'expired' | 'superseded' | 'rejected' | 'disputed';
export type RefusalReason = 'unknown' | 'expired' | 'superseded' | 'rejected' | 'disputed' | 'used' | 'other_user';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
/** Invites live 24 hours (the workspace default); replies are free for 24 hours after the customer's last message. */
export const INVITE_TTL_MS = DAY;
export const REPLY_WINDOW_MS = DAY;
/** After this many bad codes in an hour, a sender's codes are not checked until the hour is over. */
export const GUESS_LIMIT = 5;
export const GUESS_WINDOW_MS = HOUR;

/**
 * The run's customers, the same five in every run (fresh ones each time, with a run-unique word in
 * their names). Two are called Ana, so one Ana using the other's leaked code passes the name rule;
 * two hide their number on WhatsApp (username users).
 */
export const ROSTER = [
  { first: 'Ana', phone: true },
  { first: 'Ana', phone: false },
  { first: 'Bruno', phone: true },
  { first: 'Dora', phone: false },
  { first: 'Eva', phone: true },
] as const;

export interface MCustomer {
  index: number;
  /** The sandbox customer id. */
  id: string;
  name: string;
  username: string;
  /** A run-unique word of the name, used to find the customer's conversations by search. */
  token: string;
  igsid: string;
  bsuid: string;
  /** Digits, as Braid stores it; null for a WhatsApp username user. */
  phone: string | null;
}

export interface MIdentity {
  key: string;
  customer: number;
  kind: Kind;
  id: string;
  conversationId: string;
  contactId: string;
  lastInboundAt: number;
  /** What the customer wrote in this conversation, in order (a message may repeat: the same code twice). */
  texts: string[];
}

export interface MContact {
  id: string;
  name: string | null;
  phone: string | null;
  mergedInto: string | null;
}

export type Direction = 'to_whatsapp' | 'to_instagram';

export interface MInvite {
  n: number;
  id: string;
  /** A WhatsApp invite sent on Instagram, or an Instagram link sent on WhatsApp. */
  direction: Direction;
  customer: number;
  /** The identity the invite was sent to (Instagram, or WhatsApp for a link). */
  originKey: string;
  /** The contact the invite was sent from (the contact view lists it on the contact holding `originKey`). */
  contactId: string;
  /** The pre-filled WhatsApp sentence, or the ig.me link. */
  sentence: string;
  code: string;
  state: InviteState;
  sentAt: number;
  expiresAt: number;
  /** The identity that answered with the code (WhatsApp, or Instagram for a link). */
  answerKey: string | null;
}

export interface MRequest {
  n: number;
  id: string;
  inviteId: string;
  survivorId: string;
  otherId: string;
  state: 'pending' | 'accepted' | 'rejected';
  namesDiffer: boolean;
  /** The conflicts the request showed the agent when it was made. */
  shown: string[];
}

export type MergeHow = 'auto' | 'manual' | 'contact_view';

export interface MMerge {
  n: number;
  /** Bound once the API shows it (an automatic merge's id is read from the history). */
  id: string;
  survivorId: string;
  mergedId: string;
  how: MergeHow;
  actor: 'automation' | 'user';
  moved: string[];
  live: boolean;
  undoneBy: 'user' | 'customer' | null;
  basedOn: MMerge[];
  /** An agent merged knowing it gives the contact two accounts on one channel. */
  confirmedConflict: boolean;
  inviteId: string | null;
  at: number;
  /** Both contacts as the model knew them before: undo puts these back. */
  restore: { survivor: Pick<MContact, 'name' | 'phone'>; merged: Pick<MContact, 'name' | 'phone'> };
  /** Both contact views read from the API just before the merge, compared after an undo. */
  viewsBefore: { survivor: any; merged: any };
  /** For a merge through an invite: what the customers were to be told. */
  told: InviteNotices | null;
  /** The invites sent before the merge (an undo is compared on those). */
  invitesBefore: string[];
}

export interface MNotice {
  merge: MMerge;
  payload: string;
  /** Where the notice went: Instagram for a WhatsApp invite, WhatsApp for an Instagram link. */
  channel: Kind;
}

export interface MReply {
  text: string;
  /** The identity the reply must reach. Several when the target was a tie (see AgentReply). */
  targets: string[];
}

export interface Stats {
  [event: string]: number;
}

export interface Model {
  run: number;
  now: number;
  autoMerge: boolean;
  customers: MCustomer[];
  identities: Map<string, MIdentity>;
  contacts: Map<string, MContact>;
  invites: MInvite[];
  requests: MRequest[];
  merges: MMerge[];
  /** Not me notices each customer received on Instagram. */
  notices: MNotice[][];
  /** The same notices in the order they were sent, as commands name them. */
  noticeLog: { customer: number; notice: MNotice }[];
  /** WhatsApp confirmations ("Thanks! Your WhatsApp is now linked…") each customer received. */
  confirmations: number[];
  /** Instagram confirmations ("Thanks! Your Instagram is now linked…") after an Instagram link. */
  linkConfirmations: number[];
  /** Bad-code windows per WhatsApp identity. */
  strikes: Map<string, { windowStart: number; failures: number }>;
  /** Notes about refused codes, per WhatsApp conversation, in order. */
  refusals: Map<string, RefusalReason[]>;
  /** Not me notes per conversation the invite was sent on. */
  disputeNotes: Map<string, number>;
  replies: MReply[];
  /** Every message id any timeline of the run has shown: none may disappear. */
  seen: Set<string>;
  counter: number;
  stats: Stats;
}

export function newModel(run: number, now: number, customers: MCustomer[], stats: Stats): Model {
  return {
    run,
    now,
    autoMerge: true,
    customers,
    identities: new Map(),
    contacts: new Map(),
    invites: [],
    requests: [],
    merges: [],
    notices: customers.map(() => []),
    noticeLog: [],
    confirmations: customers.map(() => 0),
    linkConfirmations: customers.map(() => 0),
    strikes: new Map(),
    refusals: new Map(),
    disputeNotes: new Map(),
    replies: [],
    seen: new Set(),
    counter: 0,
    stats,
  };
}

export const keyOf = (customer: number, kind: Kind) => `c${customer}:${kind === 'instagram' ? 'ig' : 'wa'}`;

export function count(m: Model, event: string): void {
  m.stats[event] = (m.stats[event] ?? 0) + 1;
}

export function identitiesOn(m: Readonly<Model>, contactId: string, kind?: Kind): MIdentity[] {
  return [...m.identities.values()].filter((i) => i.contactId === contactId && (kind === undefined || i.kind === kind));
}

export function contactOf(m: Readonly<Model>, key: string): MContact {
  return m.contacts.get(m.identities.get(key)!.contactId)!;
}

/** The live contact a tombstone resolves to. */
export function resolve(m: Readonly<Model>, contactId: string): string {
  let id = contactId;
  for (let c = m.contacts.get(id); c?.mergedInto; c = m.contacts.get(id)) id = c.mergedInto;
  return id;
}

export function windowOpen(identity: MIdentity | undefined, at: number): boolean {
  return identity !== undefined && at < identity.lastInboundAt + REPLY_WINDOW_MS;
}

/** A person may answer on Instagram for 7 days (tagged HUMAN_AGENT after the 24 hours); WhatsApp stays at 24 hours. */
export const HUMAN_AGENT_WINDOW_MS = 7 * DAY;

export function agentMayReply(identity: MIdentity | undefined, at: number): boolean {
  if (identity?.kind === 'instagram') return at < identity.lastInboundAt + HUMAN_AGENT_WINDOW_MS;
  return windowOpen(identity, at);
}

/** The customer's words, as a name comparison sees them: lower case, split on anything not a letter or digit. */
function words(name: string | null): string[] {
  return name ? name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean) : [];
}

/** PRODUCT.md: the WhatsApp profile name and the Instagram name or username share a word, or one side has no name. */
export function namesAgree(whatsappName: string, instagramNames: Array<string | null>): boolean {
  const wa = words(whatsappName);
  const ig = instagramNames.flatMap(words).filter((w) => w.length >= 2);
  if (wa.length === 0 || ig.length === 0) return true;
  return wa.some((w) => ig.includes(w));
}

/**
 * What merging would give one contact two of: Instagram or WhatsApp identities, each conflict
 * named by its channel and the identities involved. Only an agent who was shown it may merge.
 */
export function conflictsOf(m: Readonly<Model>, survivorId: string, otherId: string): string[] {
  return (['instagram', 'whatsapp'] as const).flatMap((kind) => {
    const incoming = identitiesOn(m, otherId, kind);
    const all = [...identitiesOn(m, survivorId, kind), ...incoming];
    return incoming.length > 0 && all.length > 1 ? [`${kind}: ${all.map((i) => i.key).sort().join(' + ')}`] : [];
  });
}

export function mergeConflicts(m: Readonly<Model>, survivorId: string, otherId: string): boolean {
  return conflictsOf(m, survivorId, otherId).length > 0;
}

/** A merge is built on the live merges either contact took part in; undo goes latest first. */
export function applyMerge(
  m: Model,
  input: { survivorId: string; mergedId: string; how: MergeHow; actor: 'automation' | 'user'; confirmedConflict: boolean; inviteId: string | null; viewsBefore: MMerge['viewsBefore'] },
): MMerge {
  const survivor = m.contacts.get(input.survivorId)!;
  const merged = m.contacts.get(input.mergedId)!;
  const involved = [input.survivorId, input.mergedId];
  const merge: MMerge = {
    n: m.merges.length,
    id: '',
    ...input,
    moved: identitiesOn(m, input.mergedId).map((i) => i.key),
    live: true,
    undoneBy: null,
    basedOn: m.merges.filter((x) => x.live && (involved.includes(x.survivorId) || involved.includes(x.mergedId))),
    at: m.now,
    restore: { survivor: { name: survivor.name, phone: survivor.phone }, merged: { name: merged.name, phone: merged.phone } },
    told: null,
    invitesBefore: m.invites.map((i) => i.id),
  };
  for (const key of merge.moved) m.identities.get(key)!.contactId = survivor.id;
  // The survivor keeps its values; blanks are filled from the other.
  survivor.name ??= merged.name;
  survivor.phone ??= merged.phone;
  merged.mergedInto = survivor.id;
  m.merges.push(merge);
  count(m, `merge.${input.how}`);
  if (input.confirmedConflict) count(m, 'merge.confirmed_conflict');
  return merge;
}

export type UndoOutcome = 'undone' | 'already_undone' | 'out_of_order';

export function undoOutcome(m: Readonly<Model>, merge: MMerge): UndoOutcome {
  if (!merge.live) return 'already_undone';
  return m.merges.some((later) => later.live && later.basedOn.includes(merge)) ? 'out_of_order' : 'undone';
}

export function applyUndo(m: Model, merge: MMerge, by: 'user' | 'customer'): void {
  merge.live = false;
  merge.undoneBy = by;
  for (const key of merge.moved) m.identities.get(key)!.contactId = merge.mergedId;
  Object.assign(m.contacts.get(merge.survivorId)!, merge.restore.survivor, { mergedInto: null });
  Object.assign(m.contacts.get(merge.mergedId)!, merge.restore.merged, { mergedInto: null });
  count(m, `undo.${by}`);
}

/** The latest merge that is still live: the one the agent's "undo" undoes. */
export function latestLiveMerge(m: Readonly<Model>): MMerge | undefined {
  return [...m.merges].reverse().find((x) => x.live);
}

/** One more bad code from this sender in the current hour (or the first of a new hour). */
function strike(m: Model, senderKey: string, at: number): void {
  const window = m.strikes.get(senderKey);
  if (!window || window.windowStart <= at - GUESS_WINDOW_MS) m.strikes.set(senderKey, { windowStart: at, failures: 1 });
  else window.failures += 1;
}

export type CodeOutcome =
  | { kind: 'throttled' }
  | { kind: 'refused'; reason: RefusalReason }
  | { kind: 'repeated' }
  | { kind: 'already_one_contact' }
  | { kind: 'merged'; merge: MMerge }
  | { kind: 'requested'; request: MRequest };

/**
 * A WhatsApp message carrying a code (or a typo of one: `invite` null) from `senderKey`, received
 * at `receivedAt` and checked at `checkedAt` (later when a worker crashed before checking it).
 * PRODUCT.md: a valid code (unused, unexpired, newest, from the first WhatsApp user to use it)
 * syncs the identity; then auto merge with no conflict and agreeing names merges at once, anything
 * else asks the agent. Every bad code is a strike; five in an hour and codes are not checked.
 */
export function receiveCode(
  m: Model,
  input: { senderKey: string; invite: MInvite | null; receivedAt: number; checkedAt: number; viewsBefore: MMerge['viewsBefore'] },
): CodeOutcome {
  const { senderKey, invite, checkedAt } = input;
  const window = m.strikes.get(senderKey);
  if (window && window.failures >= GUESS_LIMIT && checkedAt - window.windowStart < GUESS_WINDOW_MS) return { kind: 'throttled' };
  const refuse = (reason: RefusalReason): CodeOutcome => {
    strike(m, senderKey, checkedAt);
    const conversation = m.identities.get(senderKey)!.conversationId;
    m.refusals.set(conversation, [...(m.refusals.get(conversation) ?? []), reason]);
    return { kind: 'refused', reason };
  };
  if (!invite) return refuse('unknown');
  if (invite.state === 'connected' || invite.state === 'merged') return invite.answerKey === senderKey ? { kind: 'repeated' } : refuse('other_user');
  if (invite.state !== 'sent') return refuse(invite.state);
  if (invite.expiresAt <= input.receivedAt) {
    invite.state = 'expired';
    return refuse('expired');
  }

  invite.state = 'connected';
  invite.answerKey = senderKey;
  const survivor = contactOf(m, invite.originKey);
  const other = contactOf(m, senderKey);
  if (survivor.id === other.id) {
    invite.state = 'merged';
    return { kind: 'already_one_contact' };
  }
  const owner = m.customers[invite.customer];
  const sender = m.customers[m.identities.get(senderKey)!.customer];
  // The WhatsApp name against the Instagram names: the sender's or the owner's, by direction.
  const agree =
    invite.direction === 'to_whatsapp'
      ? namesAgree(sender.name, [owner.name, owner.username, survivor.name])
      : namesAgree(owner.name, [sender.name, sender.username]);
  const conflict = mergeConflicts(m, survivor.id, other.id);
  if (m.autoMerge && !conflict && agree) {
    const merge = applyMerge(m, {
      survivorId: survivor.id,
      mergedId: other.id,
      how: 'auto',
      actor: 'automation',
      confirmedConflict: false,
      inviteId: invite.id,
      viewsBefore: input.viewsBefore,
    });
    completeInvite(m, invite, merge);
    return { kind: 'merged', merge };
  }
  const request: MRequest = {
    n: m.requests.length,
    id: '',
    inviteId: invite.id,
    survivorId: survivor.id,
    otherId: other.id,
    state: 'pending',
    namesDiffer: !agree,
    shown: conflictsOf(m, survivor.id, other.id),
  };
  m.requests.push(request);
  count(m, agree ? (conflict ? 'request.conflict' : 'request.manual_mode') : 'request.names_differ');
  return { kind: 'requested', request };
}

/** Expected after an invite merge: a WhatsApp confirmation and a Not me notice, each only inside its window. */
export interface InviteNotices {
  confirmation: boolean;
  notice: boolean;
}

export function completeInvite(m: Model, invite: MInvite, merge: MMerge): void {
  if (invite.state !== 'connected') return;
  invite.state = 'merged';
  const sender = m.identities.get(invite.answerKey!)!;
  const confirmation = windowOpen(sender, m.now);
  if (confirmation) (invite.direction === 'to_whatsapp' ? m.confirmations : m.linkConfirmations)[sender.customer] += 1;
  const notice = windowOpen(m.identities.get(invite.originKey), m.now);
  if (!notice) count(m, 'notice.window_closed');
  merge.told = { confirmation, notice };
}

export type AcceptOutcome = { kind: 'decided' } | { kind: 'tombstone' } | { kind: 'unseen_conflict' } | { kind: 'merged'; merge: MMerge };

/**
 * The agent's Merge on a request: it merges the request's two contacts, if both still exist as
 * contacts. Clicking Merge confirms what the request showed; a conflict that arose since (the
 * contact got another WhatsApp account meanwhile) was not shown, so it is not confirmed.
 */
export function acceptRequest(m: Model, request: MRequest, viewsBefore: MMerge['viewsBefore']): AcceptOutcome {
  if (request.state !== 'pending') return { kind: 'decided' };
  if (m.contacts.get(request.survivorId)!.mergedInto || m.contacts.get(request.otherId)!.mergedInto) return { kind: 'tombstone' };
  const conflicts = conflictsOf(m, request.survivorId, request.otherId);
  if (conflicts.some((c) => !request.shown.includes(c))) return { kind: 'unseen_conflict' };
  request.state = 'accepted';
  const merge = applyMerge(m, {
    survivorId: request.survivorId,
    mergedId: request.otherId,
    how: 'manual',
    actor: 'user',
    confirmedConflict: conflicts.length > 0,
    inviteId: request.inviteId,
    viewsBefore,
  });
  completeInvite(m, m.invites.find((i) => i.id === request.inviteId)!, merge);
  return { kind: 'merged', merge };
}

export function rejectRequest(m: Model, request: MRequest): boolean {
  if (request.state !== 'pending') return false;
  request.state = 'rejected';
  const invite = m.invites.find((i) => i.id === request.inviteId)!;
  if (invite.state === 'connected') invite.state = 'rejected';
  count(m, 'request.rejected');
  return true;
}

export type InviteOutcome = { kind: 'window_closed' } | { kind: 'has_whatsapp' } | { kind: 'sent' };

export function inviteOutcome(m: Readonly<Model>, customer: number): InviteOutcome {
  const ig = m.identities.get(keyOf(customer, 'instagram'))!;
  if (!windowOpen(ig, m.now)) return { kind: 'window_closed' };
  if (identitiesOn(m, ig.contactId, 'whatsapp').length > 0) return { kind: 'has_whatsapp' };
  return { kind: 'sent' };
}

/** An Instagram link needs the WhatsApp window open and a contact not on Instagram yet. */
export type LinkOutcome = { kind: 'window_closed' } | { kind: 'has_instagram' } | { kind: 'sent' };

export function linkOutcome(m: Readonly<Model>, customer: number): LinkOutcome {
  const wa = m.identities.get(keyOf(customer, 'whatsapp'))!;
  if (!windowOpen(wa, m.now)) return { kind: 'window_closed' };
  if (identitiesOn(m, wa.contactId, 'instagram').length > 0) return { kind: 'has_instagram' };
  return { kind: 'sent' };
}

/** Sending an invite ends the identity's earlier unused ones of that direction: expired if their time is up, else superseded. */
export function sendInvite(m: Model, invite: Omit<MInvite, 'n' | 'state' | 'answerKey'>): MInvite {
  for (const old of m.invites) {
    if (old.originKey === invite.originKey && old.direction === invite.direction && old.state === 'sent') old.state = old.expiresAt <= m.now ? 'expired' : 'superseded';
  }
  const created: MInvite = { ...invite, n: m.invites.length, state: 'sent', answerKey: null };
  m.invites.push(created);
  count(m, invite.direction === 'to_whatsapp' ? 'invite.sent' : 'link.sent');
  return created;
}

/** The invite expiry job: an unused invite whose time is up is expired. */
export function expireInvites(m: Model): void {
  for (const invite of m.invites) if (invite.state === 'sent' && invite.expiresAt <= m.now) invite.state = 'expired';
}

export type DisputeOutcome = { kind: 'already_undone' } | { kind: 'out_of_order' } | { kind: 'undone' };

/** Not me: the merge is undone as the customer (if nothing was built on it since) and the invite is disputed. */
export function dispute(m: Model, notice: MNotice): DisputeOutcome {
  const { merge } = notice;
  if (!merge.live) return { kind: 'already_undone' };
  const invite = m.invites.find((i) => i.id === merge.inviteId)!;
  const originConversation = m.identities.get(invite.originKey)!.conversationId;
  m.disputeNotes.set(originConversation, (m.disputeNotes.get(originConversation) ?? 0) + 1);
  if (invite.state === 'merged') invite.state = 'disputed';
  if (undoOutcome(m, merge) === 'out_of_order') {
    count(m, 'dispute.kept_out_of_order');
    return { kind: 'out_of_order' };
  }
  applyUndo(m, merge, 'customer');
  return { kind: 'undone' };
}

export type ReplyTarget = { kind: 'not_linked' } | { kind: 'window_closed' } | { kind: 'send'; targets: string[] };

/**
 * An agent's reply from the conversation of `fromKey`, on `channel`: on its own conversation when
 * it is that channel, else on the contact's identity of that channel (the most recently active
 * one; when several wrote in the same instant any of them may be chosen), inside its window.
 */
export function replyTarget(m: Readonly<Model>, fromKey: string, channel: Kind): ReplyTarget {
  const from = m.identities.get(fromKey)!;
  let candidates = [from];
  if (from.kind !== channel) {
    candidates = identitiesOn(m, from.contactId, channel);
    if (candidates.length === 0) return { kind: 'not_linked' };
    const latest = Math.max(...candidates.map((i) => i.lastInboundAt));
    candidates = candidates.filter((i) => i.lastInboundAt === latest);
  }
  if (!agentMayReply(candidates[0], m.now)) return { kind: 'window_closed' };
  return { kind: 'send', targets: candidates.map((i) => i.key) };
}

export function nextText(m: Model, what: string): string {
  m.counter += 1;
  return `${what} ${m.counter}`;
}
