import type { IdentityChangedEvent } from '../../../channels/events';
import { normalizePhone } from '../../../domain/shared/phone';
import { ensureCustomerThread } from './ensureCustomerThread';
import { cleanText, type IngestScope } from './ingestScope';
import { newMessage } from '../../messages/steps/newMessage';

/**
 * WhatsApp's `user_changed_number` / `user_changed_user_id`: the same person now has a new phone
 * or a new BSUID. The existing identity takes the new key, so the contact, its conversation and
 * any merge stay intact; only when Braid never knew the old key does this start a new identity.
 * The change is shown in the thread as a system line.
 */
export async function moveWhatsAppIdentity(scope: IngestScope, event: IdentityChangedEvent): Promise<void> {
  const { repos, channel, now } = scope;
  const previousPhone = normalizePhone(event.previous.phone);
  const currentPhone = normalizePhone(event.current.phone);
  const previousBsuid = cleanText(event.previous.bsuid);
  const currentBsuid = cleanText(event.current.bsuid);

  const known =
    (previousBsuid && (await repos.identities.findByExternalId(channel.id, previousBsuid))) ||
    (previousPhone && (await repos.identities.findByPhone(channel.id, previousPhone))) ||
    undefined;
  if (known) {
    const patch: { externalId?: string; phone?: string } = {};
    const bsuidHolder = currentBsuid ? await repos.identities.findByExternalId(channel.id, currentBsuid) : undefined;
    if (currentBsuid && currentBsuid !== known.externalId && !bsuidHolder) patch.externalId = currentBsuid;
    const phoneHolder = currentPhone ? await repos.identities.findByPhone(channel.id, currentPhone) : undefined;
    if (currentPhone && currentPhone !== known.phone && !phoneHolder) patch.phone = currentPhone;
    if (Object.keys(patch).length) await repos.identities.update(known.id, patch);
  }

  const thread = await ensureCustomerThread(scope, {
    bsuid: currentBsuid ?? previousBsuid ?? undefined,
    phone: event.current.phone ?? event.previous.phone,
  });
  if (!thread) {
    scope.tally.rejected.push(`${event.eventKey}: the change names no user`);
    return;
  }
  const text = cleanText(event.text) ?? (event.change === 'user_changed_number' ? 'The customer changed their phone number.' : 'The customer’s WhatsApp user id changed.');
  const message = newMessage(
    thread.conversation,
    {
      direction: 'system',
      externalId: event.externalId,
      type: event.change,
      text,
      payload: { previous: event.previous, current: event.current },
      status: 'received',
      sentBy: 'system',
      platformTs: event.timestamp,
    },
    now,
  );
  const inserted = await repos.messages.insertIfNew(message);
  if (!inserted) {
    scope.tally.duplicates += 1;
    return;
  }
  scope.tally.stored += 1;
  await repos.events.record(channel.workspaceId, 'message.created', { conversationId: thread.conversation.id, messageId: message.id }, now);
  scope.tally.touchedConversations.set(thread.conversation.id, channel.workspaceId);
}
