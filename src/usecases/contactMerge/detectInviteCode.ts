import type { AppContext } from '../../context';
import { findInviteCodeMatches, hashInviteCode, type InviteCodeMatch } from '../../domain/contactMerge/inviteCode';
import { describeNameMismatch, namesPlausiblyMatch } from '../../domain/contactMerge/inviteSafety';
import { formatUtc } from '../../domain/messaging/replyWindow';
import type { Conversation } from '../../store/repositories/conversations';
import type { Identity } from '../../store/repositories/identities';
import type { Invite, InviteDirection } from '../../store/repositories/invites';
import type { Message } from '../../store/repositories/messages';
import type { Repositories } from '../../store/store';
import { applyMerge } from './steps/applyMerge';
import { loadMergeState } from './steps/loadMergeState';
import { requestMerge } from './steps/requestMerge';
import { type Actor, addSystemItem } from '../messages/steps/systemItems';
import { moveInvite } from './steps/moveInvite';

/** After this many bad codes in the window, a sender's codes are not checked until the window ends. */
export const GUESS_LIMIT = 5;
export const GUESS_WINDOW_MS = 60 * 60 * 1000;

export type DetectOutcome =
  | { outcome: 'ignored' }
  | { outcome: 'throttled' }
  | { outcome: 'refused'; reason: RefusalReason; inviteId: string | null }
  | { outcome: 'repeated'; inviteId: string }
  | { outcome: 'merged'; inviteId: string; mergeId: string }
  | { outcome: 'requested'; inviteId: string; mergeRequestId: string };

export type RefusalReason = 'unknown' | 'expired' | 'superseded' | 'rejected' | 'disputed' | 'used' | 'other_user';

/** The system note the agent reads in the conversation the code arrived on, for each refused code. */
const NOTE: Record<InviteDirection, Record<RefusalReason, string>> = {
  to_whatsapp: {
    unknown: 'The customer sent an invite code that does not match any invite. Nothing was merged.',
    expired: 'The customer sent an invite code that has expired. Nothing was merged; send a new WhatsApp invite from the Instagram chat if needed.',
    superseded: 'The customer sent the code of an older invite that a newer one replaced. Nothing was merged; the newest invite’s code still works.',
    rejected: 'The customer sent the code of an invite whose merge was rejected. Nothing was merged.',
    disputed: 'The customer sent the code of an invite whose merge was undone with Not me. Nothing was merged.',
    used: 'The customer sent an invite code that was already used. Nothing was merged.',
    other_user: 'This invite code was already used by a different WhatsApp user. Nothing was merged: check who this is before linking the contacts.',
  },
  to_instagram: {
    unknown: 'The customer opened an Instagram link whose code does not match any Instagram link sent. Nothing was merged.',
    expired: 'The customer opened an Instagram link that has expired. Nothing was merged; send a new Instagram link from the WhatsApp chat if needed.',
    superseded: 'The customer opened an older Instagram link that a newer one replaced. Nothing was merged; the newest link still works.',
    rejected: 'The customer opened an Instagram link whose merge was rejected. Nothing was merged.',
    disputed: 'The customer opened an Instagram link whose merge was undone with Not me. Nothing was merged.',
    used: 'The customer opened an Instagram link that was already used. Nothing was merged.',
    other_user: 'This Instagram link was already used by a different Instagram account. Nothing was merged: check who this is before linking the contacts.',
  },
};

const CUSTOMER: Actor = { type: 'customer', id: null };

/**
 * The invite-code job for one inbound WhatsApp message: finds a code anywhere in the text, and a
 * valid one syncs the sender's WhatsApp identity to the invite (`connected`), then merges at once
 * (auto merge, no conflict) or asks the agent. Every other code merges nothing and leaves a note.
 * One transaction, which also marks the message as checked: a job run again after a worker died
 * between its commit and its acknowledgement finds the mark and changes nothing more (no second
 * note, no second strike, no late check of a code that was throttled when it arrived).
 */
export async function detectInviteCode(ctx: AppContext, input: { messageId: string }): Promise<DetectOutcome> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const message = await repos.messages.findById(input.messageId);
    if (!message || message.direction !== 'inbound' || message.kind !== 'whatsapp' || !message.text) return { outcome: 'ignored' };
    if (message.payload[CHECKED] !== undefined) return { outcome: 'ignored' };
    const matches = findInviteCodeMatches(message.text);
    if (matches.length === 0) return { outcome: 'ignored' };
    const conversation = await repos.conversations.get(message.workspaceId, message.conversationId);
    const sender = conversation && (await repos.identities.get(message.workspaceId, conversation.identityId));
    if (!conversation || !sender) return { outcome: 'ignored' };
    const candidates = matches.map((m) => ({ hash: hashInviteCode(m.code), confidence: m.confidence }));
    const result = await checkCode(repos, { message, candidates, direction: 'to_whatsapp', conversation, sender, now });
    await repos.messages.updatePayload(message.id, { payload: { ...message.payload, [CHECKED]: result.outcome } });
    return result;
  });
}

/** Where the message keeps the outcome of its check, so that it is checked once. */
export const CHECKED = 'inviteCodeChecked';

/** A code found in what the customer sent, by its hash (the code itself is not needed past this point). */
export interface CodeCandidate {
  hash: string;
  confidence: InviteCodeMatch['confidence'];
}

/**
 * Checks the codes the customer's `sender` identity answered with on `conversation`, against the
 * invites of `direction` (a WhatsApp invite's code counts only on WhatsApp, an Instagram link's
 * only on Instagram), and connects, merges or asks, or refuses with a note. Runs in the caller's
 * transaction.
 */
export async function checkCode(
  repos: Repositories,
  input: { message: Message; candidates: CodeCandidate[]; direction: InviteDirection; conversation: Conversation; sender: Identity; now: number },
): Promise<DetectOutcome> {
  const { message, candidates, direction, conversation, sender, now } = input;
  const senderKey = `${direction === 'to_whatsapp' ? 'wa' : 'ig'}:${sender.id}`;
  const guesses = await repos.codeGuesses.lockWindow(senderKey, now);
  if (guesses.failures >= GUESS_LIMIT && now - guesses.windowStartedAt < GUESS_WINDOW_MS) return { outcome: 'throttled' };

  // Codes are unique across Braid; one of another workspace, or of the other direction, is unknown here.
  const found = (await repos.invites.findByCodeHash(candidates.map((c) => c.hash))).filter(
    (i) => i.workspaceId === message.workspaceId && i.direction === direction,
  );
  const invite = candidates.map((c) => found.find((i) => i.codeHash === c.hash)).find(Boolean);
  const refuse = async (reason: RefusalReason, inv: Invite | null): Promise<DetectOutcome> => {
    await refuseCode(repos, { conversation, sender, senderKey, direction, reason, invite: inv, now });
    return { outcome: 'refused', reason, inviteId: inv?.id ?? null };
  };
  if (!invite) {
    if (candidates.some((c) => c.confidence === 'exact')) return refuse('unknown', null);
    // A loose match can be an order or card number that happens to look like a code: no note for
    // the agent, but it still counts as a guess, or guessing in loose spellings would be free.
    await repos.codeGuesses.recordFailure(senderKey, now, GUESS_WINDOW_MS);
    return { outcome: 'ignored' };
  }
  if (invite.state === 'connected' || invite.state === 'merged') {
    const answeredBy = direction === 'to_whatsapp' ? invite.waIdentityId : invite.igIdentityId;
    return answeredBy === sender.id ? { outcome: 'repeated', inviteId: invite.id } : refuse('other_user', invite);
  }
  if (invite.state !== 'sent') return refuse(invite.state, invite);
  if (invite.expiresAt <= message.createdAt) {
    await moveInvite(repos, invite, ['sent'], 'expired', { actor: { type: 'system', id: null }, now });
    return refuse('expired', invite);
  }
  return connect(repos, { invite, conversation, sender, now });
}

async function connect(
  repos: Repositories,
  input: { invite: Invite; conversation: Conversation; sender: Identity; now: number },
): Promise<DetectOutcome> {
  const { invite, conversation, sender, now } = input;
  const contacts = await lockContactsOf(repos, invite.workspaceId, invite.originIdentityId, sender.id);
  if (!contacts) return { outcome: 'ignored' };
  const { origin } = contacts;
  const state = await loadMergeState(repos, { workspaceId: invite.workspaceId, survivorId: origin.contactId, otherId: contacts.sender.contactId, lock: true, now });
  const toWhatsApp = invite.direction === 'to_whatsapp';
  const connected = await moveInvite(repos, invite, ['sent'], 'connected', {
    actor: CUSTOMER,
    now,
    connected: { identityId: sender.id, conversationId: conversation.id },
    data: toWhatsApp
      ? { waIdentityId: sender.id, whatsappUserId: sender.externalId, phone: sender.phone, messageConversationId: conversation.id }
      : { igIdentityId: sender.id, instagramUserId: sender.externalId, username: sender.username, messageConversationId: conversation.id },
  });
  if (!connected) return { outcome: 'repeated', inviteId: invite.id };

  if (state.survivor.id === state.other.id) {
    // Already one contact (merged by hand meanwhile): nothing left to merge.
    await moveInvite(repos, connected, ['connected'], 'merged', { actor: { type: 'system', id: null }, now, data: { alreadyOneContact: true } });
    return { outcome: 'repeated', inviteId: invite.id };
  }
  const [igIdentity, waIdentity] = toWhatsApp ? [origin, contacts.sender] : [contacts.sender, origin];
  // allowAutoMerge is a setting of the Instagram channel, whichever way the invite went.
  const channel = await repos.channels.get(invite.workspaceId, igIdentity.channelId);
  const autoMerge = channel?.settings.allowAutoMerge ?? true;
  const whatsappName = toWhatsApp ? waIdentity.displayName : (waIdentity.displayName ?? state.survivor.name);
  const instagramNames = toWhatsApp ? [igIdentity.displayName, igIdentity.username, state.survivor.name] : [igIdentity.displayName, igIdentity.username];
  const namesAgree = namesPlausiblyMatch(whatsappName, instagramNames);
  if (autoMerge && !state.plan.needsAgent && namesAgree) {
    const merge = await applyMerge(repos, {
      state,
      how: 'auto',
      actor: { type: 'automation', id: null },
      reason: toWhatsApp
        ? 'The customer sent a valid invite code on WhatsApp and auto merge is on.'
        : 'The customer opened a valid Instagram link from WhatsApp and auto merge is on.',
      confirmed: false,
      inviteId: invite.id,
      now,
    });
    return { outcome: 'merged', inviteId: invite.id, mergeId: merge.id };
  }
  const originConversation = await repos.conversations.get(invite.workspaceId, invite.conversationId);
  const request = await requestMerge(repos, {
    state,
    invite: connected,
    conversations: [...(originConversation ? [originConversation] : []), conversation],
    actor: { type: 'system', id: null },
    now,
    why: namesAgree ? [] : [describeNameMismatch(whatsappName!, instagramNames.find(Boolean)!)],
  });
  return { outcome: 'requested', inviteId: invite.id, mergeRequestId: request.id };
}

/**
 * Locks the contacts that hold the two identities now. An agent may merge one of them while this
 * job waits for the lock, so the identities are read again after it and the lock retaken if they
 * moved: the plan is then made on the contacts as they are, never on a tombstone.
 */
async function lockContactsOf(repos: Repositories, workspaceId: string, originIdentityId: string, senderId: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const origin = await repos.identities.get(workspaceId, originIdentityId);
    const sender = await repos.identities.get(workspaceId, senderId);
    if (!origin || !sender) return null;
    await repos.contacts.lock(workspaceId, [origin.contactId, sender.contactId]);
    const originAfter = await repos.identities.get(workspaceId, originIdentityId);
    const senderAfter = await repos.identities.get(workspaceId, senderId);
    if (originAfter?.contactId === origin.contactId && senderAfter?.contactId === sender.contactId) return { origin, sender };
  }
  return null;
}

/** Nothing is merged: a note for the agent, an audit line, and one more strike for the sender. */
async function refuseCode(
  repos: Repositories,
  input: { conversation: Conversation; sender: Identity; senderKey: string; direction: InviteDirection; reason: RefusalReason; invite: Invite | null; now: number },
): Promise<void> {
  const { conversation, now } = input;
  const strikes = await repos.codeGuesses.recordFailure(input.senderKey, now, GUESS_WINDOW_MS);
  let text = NOTE[input.direction][input.reason];
  if (strikes >= GUESS_LIMIT) {
    text += ` This sender has sent ${strikes} invalid codes, so their codes are not checked until ${formatUtc(now + GUESS_WINDOW_MS)}.`;
  }
  await addSystemItem(repos, conversation, { type: 'note', text, payload: { reason: `invite_code_${input.reason}`, inviteId: input.invite?.id ?? null } }, now);
  const contactIds = [input.sender.contactId, ...(input.invite ? [input.invite.contactId] : [])];
  for (const contactId of new Set(contactIds)) {
    await repos.audit.append(
      {
        workspaceId: conversation.workspaceId,
        actorType: 'customer',
        actorId: null,
        action: 'invite.code_refused',
        subjectType: 'invite',
        subjectId: input.invite?.id ?? input.senderKey,
        contactId,
        data: {
          how: 'invite',
          direction: input.direction,
          reason: input.reason,
          [input.direction === 'to_whatsapp' ? 'waIdentityId' : 'igIdentityId']: input.sender.id,
          strikes,
        },
      },
      now,
    );
  }
}
