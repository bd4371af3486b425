import type { AppContext } from '../../context';
import { fetchCustomerProfile } from '../ingest/fetchCustomerProfile';
import { CHECKED, checkCode, type DetectOutcome } from './detectInviteCode';

/**
 * The referral job for one Instagram thread item: the customer opened an ig.me link whose `ref`
 * has the shape of an invite code, either as Meta's `messaging_referral` (stored as a referral
 * item) or as the `referral` of the first message of a new thread. Ingest kept only the ref's
 * hash; it is checked against the Instagram links sent on WhatsApp exactly as a WhatsApp code is
 * checked against the invites (same refusals, same throttle, same merge rules). Checked once.
 */
export async function detectInstagramReferral(ctx: AppContext, input: { messageId: string }): Promise<DetectOutcome> {
  await knowTheSender(ctx, input.messageId);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const message = await repos.messages.findById(input.messageId);
    if (!message || message.kind !== 'instagram' || message.direction === 'outbound') return { outcome: 'ignored' };
    if (message.payload[CHECKED] !== undefined) return { outcome: 'ignored' };
    const referral = message.payload.referral as { refHash?: unknown } | undefined;
    if (typeof referral?.refHash !== 'string') return { outcome: 'ignored' };
    const conversation = await repos.conversations.get(message.workspaceId, message.conversationId);
    const sender = conversation && (await repos.identities.get(message.workspaceId, conversation.identityId));
    if (!conversation || !sender) return { outcome: 'ignored' };
    const result = await checkCode(repos, {
      message,
      candidates: [{ hash: referral.refHash, confidence: 'exact' }],
      direction: 'to_instagram',
      conversation,
      sender,
      now,
    });
    await repos.messages.updatePayload(message.id, { payload: { ...message.payload, [CHECKED]: result.outcome } });
    return result;
  });
}

/**
 * Instagram webhooks carry no name, and the merge rules compare names (a leaked link must not hand
 * a WhatsApp customer to a stranger's Instagram without an agent looking), so the sender's profile
 * is read first when it has not been yet. A Graph failure throws: the job is retried later.
 */
async function knowTheSender(ctx: AppContext, messageId: string): Promise<void> {
  const { repos } = ctx.store;
  const message = await repos.messages.findById(messageId);
  const conversation = message && (await repos.conversations.get(message.workspaceId, message.conversationId));
  const sender = conversation && (await repos.identities.get(conversation.workspaceId, conversation.identityId));
  if (sender && sender.kind === 'instagram' && sender.profileFetchedAt === null) await fetchCustomerProfile(ctx, { identityId: sender.id });
}
