import type { AppContext } from '../../context';
import { graphForChannel } from '../channels/steps/channelAccess';

export interface FetchProfileInput {
  identityId: string;
}

/**
 * Instagram webhooks name a customer only by IGSID; the User Profile API gives the name and the
 * handle. Filled in after the message is stored, so a slow or failing profile call never delays
 * the webhook. A failure is thrown for the job to retry; the identity keeps what it had.
 */
export async function fetchCustomerProfile(ctx: AppContext, input: FetchProfileInput): Promise<'filled' | 'skipped'> {
  const { repos } = ctx.store;
  const identity = await repos.identities.findById(input.identityId);
  if (!identity || identity.kind !== 'instagram' || !identity.externalId) return 'skipped';
  const channel = await repos.channels.get(identity.workspaceId, identity.channelId);
  if (!channel || channel.disconnectedAt !== null) return 'skipped';
  const profile = await graphForChannel(ctx, channel).instagram.getProfile(identity.externalId);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (trx) => {
    await trx.identities.update(identity.id, {
      username: profile.username ?? identity.username,
      displayName: profile.name ?? identity.displayName,
      profileFetchedAt: now,
    });
    await trx.contacts.fillBlanks(identity.contactId, { name: profile.name ?? profile.username }, now);
    const conversation = await trx.conversations.findByIdentity(identity.id);
    await trx.events.record(identity.workspaceId, 'contact.updated', { contactId: identity.contactId }, now);
    if (conversation) await trx.events.record(identity.workspaceId, 'conversation.updated', { conversationId: conversation.id }, now);
  });
  return 'filled';
}
