import type { AppContext } from '../../context';
import { findInviteCodeMatches, hashInviteCode, type InviteCodeMatch } from '../../domain/contactMerge/inviteCode';
import { describeNameMismatch, namesPlausiblyMatch } from '../../domain/contactMerge/inviteSafety';
import { formatUtc } from '../../domain/messaging/replyWindow';
import type { Conversation } from '../../store/repositories/conversations';
import type { Identity } from '../../store/repositories/identities';
import type { Invite } from '../../store/repositories/invites';
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

type RefusalReason = 'unknown' | 'expired' | 'superseded' | 'rejected' | 'disputed' | 'used' | 'other_user';

/** The system note the agent reads in the WhatsApp conversation for each refused code. */
const NOTE: Record<RefusalReason, string> = {
  unknown: 'The customer sent an invite code that does not match any invite. Nothing was merged.',
  expired: 'The customer sent an invite code that has expired. Nothing was merged; send a new WhatsApp invite from the Instagram chat if needed.',
  superseded: 'The customer sent the code of an older invite that a newer one replaced. Nothing was merged; the newest invite’s code still works.',
  rejected: 'The customer sent the code of an invite whose merge was rejected. Nothing was merged.',
  disputed: 'The customer sent the code of an invite whose merge was undone with Not me. Nothing was merged.',
  used: 'The customer sent an invite code that was already used. Nothing was merged.',
  other_user: 'This invite code was already used by a different WhatsApp user. Nothing was merged: check who this is before linking the contacts.',
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
    const result = await checkCode(repos, { message, matches, conversation, sender, now });
    await repos.messages.updatePayload(message.id, { payload: { ...message.payload, [CHECKED]: result.outcome } });
    return result;
  });
}

/** Where the message keeps the outcome of its check, so that it is checked once. */
const CHECKED = 'inviteCodeChecked';

async function checkCode(
  repos: Repositories,
  input: { message: Message; matches: InviteCodeMatch[]; conversation: Conversation; sender: Identity; now: number },
): Promise<DetectOutcome> {
  const { message, matches, conversation, sender, now } = input;
  const senderKey = `wa:${sender.id}`;
  const guesses = await repos.codeGuesses.lockWindow(senderKey, now);
  if (guesses.failures >= GUESS_LIMIT && now - guesses.windowStartedAt < GUESS_WINDOW_MS) return { outcome: 'throttled' };

  // Codes are unique across Braid; one of another workspace is unknown here.
  const found = (await repos.invites.findByCodeHash(matches.map((m) => hashInviteCode(m.code)))).filter((i) => i.workspaceId === message.workspaceId);
  const invite = matches.map((m) => found.find((i) => i.codeHash === hashInviteCode(m.code))).find(Boolean);
  const refuse = async (reason: RefusalReason, inv: Invite | null): Promise<DetectOutcome> => {
    await refuseCode(repos, { conversation, sender, senderKey, reason, invite: inv, now });
    return { outcome: 'refused', reason, inviteId: inv?.id ?? null };
  };
  if (!invite) {
    if (matches.some((m) => m.confidence === 'exact')) return refuse('unknown', null);
    // A loose match can be an order or card number that happens to look like a code: no note for
    // the agent, but it still counts as a guess, or guessing in loose spellings would be free.
    await repos.codeGuesses.recordFailure(senderKey, now, GUESS_WINDOW_MS);
    return { outcome: 'ignored' };
  }
  if (invite.state === 'connected' || invite.state === 'merged') {
    return invite.waIdentityId === sender.id ? { outcome: 'repeated', inviteId: invite.id } : refuse('other_user', invite);
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
  const contacts = await lockContactsOf(repos, invite.workspaceId, invite.igIdentityId, sender.id);
  if (!contacts) return { outcome: 'ignored' };
  const { igIdentity } = contacts;
  const state = await loadMergeState(repos, { workspaceId: invite.workspaceId, survivorId: igIdentity.contactId, otherId: contacts.sender.contactId, lock: true, now });
  const connected = await moveInvite(repos, invite, ['sent'], 'connected', {
    actor: CUSTOMER,
    now,
    connected: { waIdentityId: sender.id, waConversationId: conversation.id },
    data: { waIdentityId: sender.id, whatsappUserId: sender.externalId, phone: sender.phone, messageConversationId: conversation.id },
  });
  if (!connected) return { outcome: 'repeated', inviteId: invite.id };

  if (state.survivor.id === state.other.id) {
    // Already one contact (merged by hand meanwhile): nothing left to merge.
    await moveInvite(repos, connected, ['connected'], 'merged', { actor: { type: 'system', id: null }, now, data: { alreadyOneContact: true } });
    return { outcome: 'repeated', inviteId: invite.id };
  }
  const channel = await repos.channels.get(invite.workspaceId, igIdentity.channelId);
  const autoMerge = channel?.settings.allowAutoMerge ?? true;
  const instagramNames = [igIdentity.displayName, igIdentity.username, state.survivor.name];
  const namesAgree = namesPlausiblyMatch(contacts.sender.displayName, instagramNames);
  if (autoMerge && !state.plan.needsAgent && namesAgree) {
    const merge = await applyMerge(repos, {
      state,
      how: 'auto',
      actor: { type: 'automation', id: null },
      reason: 'The customer sent a valid invite code on WhatsApp and auto merge is on.',
      confirmed: false,
      inviteId: invite.id,
      now,
    });
    return { outcome: 'merged', inviteId: invite.id, mergeId: merge.id };
  }
  const igConversation = await repos.conversations.get(invite.workspaceId, invite.conversationId);
  const request = await requestMerge(repos, {
    state,
    invite: connected,
    conversations: [...(igConversation ? [igConversation] : []), conversation],
    actor: { type: 'system', id: null },
    now,
    why: namesAgree ? [] : [describeNameMismatch(contacts.sender.displayName!, instagramNames.find(Boolean)!)],
  });
  return { outcome: 'requested', inviteId: invite.id, mergeRequestId: request.id };
}

/**
 * Locks the contacts that hold the two identities now. An agent may merge one of them while this
 * job waits for the lock, so the identities are read again after it and the lock retaken if they
 * moved: the plan is then made on the contacts as they are, never on a tombstone.
 */
async function lockContactsOf(repos: Repositories, workspaceId: string, igIdentityId: string, senderId: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const igIdentity = await repos.identities.get(workspaceId, igIdentityId);
    const sender = await repos.identities.get(workspaceId, senderId);
    if (!igIdentity || !sender) return null;
    await repos.contacts.lock(workspaceId, [igIdentity.contactId, sender.contactId]);
    const igAfter = await repos.identities.get(workspaceId, igIdentityId);
    const senderAfter = await repos.identities.get(workspaceId, senderId);
    if (igAfter?.contactId === igIdentity.contactId && senderAfter?.contactId === sender.contactId) return { igIdentity, sender };
  }
  return null;
}

/** Nothing is merged: a note for the agent, an audit line, and one more strike for the sender. */
async function refuseCode(
  repos: Repositories,
  input: { conversation: Conversation; sender: Identity; senderKey: string; reason: RefusalReason; invite: Invite | null; now: number },
): Promise<void> {
  const { conversation, now } = input;
  const strikes = await repos.codeGuesses.recordFailure(input.senderKey, now, GUESS_WINDOW_MS);
  let text = NOTE[input.reason];
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
        data: { how: 'invite', reason: input.reason, waIdentityId: input.sender.id, strikes },
      },
      now,
    );
  }
}
