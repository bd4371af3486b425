import type { CustomerRef } from '../../../channels/events';
import { newId } from '../../../domain/shared/ids';
import { normalizePhone } from '../../../domain/shared/phone';
import { fetchProfileJob } from '../jobs';
import type { Conversation } from '../../../store/repositories/conversations';
import type { Identity } from '../../../store/repositories/identities';
import { cleanText, type IngestScope } from './ingestScope';

export interface CustomerThread {
  identity: Identity;
  conversation: Conversation;
  /** True when this event introduced the customer to Braid. */
  isNew: boolean;
}

/**
 * Finds, or creates, the customer's identity, contact and conversation on the event's channel.
 *
 * Instagram keys on the IGSID. WhatsApp keys on the business-scoped user id (BSUID) first and the
 * phone second, because Meta may send either or both (2026 rollout): a sender first seen by phone
 * and later by BSUID (or the reverse) stays one identity, and the missing key is filled in as soon
 * as an event carries it. Returns null when the event names no usable customer key.
 */
export async function ensureCustomerThread(scope: IngestScope, customer: CustomerRef): Promise<CustomerThread | null> {
  const { repos, channel, now } = scope;
  const externalId = cleanText(channel.kind === 'instagram' ? customer.igsid : customer.bsuid);
  const phone = channel.kind === 'whatsapp' ? normalizePhone(customer.phone) : null;
  if (!externalId && !phone) return null;

  const byExternalId = externalId ? await repos.identities.findByExternalId(channel.id, externalId) : undefined;
  const byPhone = !byExternalId && phone ? await repos.identities.findByPhone(channel.id, phone) : undefined;
  let identity = byExternalId ?? byPhone;
  const displayName = cleanText(customer.name);
  const username = cleanText(customer.username);

  if (identity) {
    identity = await fillIdentity(scope, identity, { externalId, phone, displayName, username });
    const conversation =
      (await repos.conversations.findByIdentity(identity.id)) ?? (await createConversation(scope, identity));
    return { identity, conversation, isNew: false };
  }

  const contact = await repos.contacts.create(
    { id: newId(), workspaceId: channel.workspaceId, name: displayName, phone },
    now,
  );
  identity = await repos.identities.create(
    {
      id: newId(),
      workspaceId: channel.workspaceId,
      contactId: contact.id,
      channelId: channel.id,
      kind: channel.kind,
      externalId,
      phone,
      username,
      displayName,
    },
    now,
  );
  const conversation = await createConversation(scope, identity);
  if (channel.kind === 'instagram') {
    // Instagram webhooks carry no name: the User Profile API gives it, after commit.
    await repos.jobs.enqueue(fetchProfileJob.of({ identityId: identity.id }, { key: `profile:${identity.id}` }), now);
  }
  return { identity, conversation, isNew: true };
}

async function createConversation(scope: IngestScope, identity: Identity): Promise<Conversation> {
  const { channel, now } = scope;
  return scope.repos.conversations.create(
    { id: newId(), workspaceId: channel.workspaceId, identityId: identity.id, channelId: channel.id, kind: channel.kind },
    now,
  );
}

/** Adds what this event tells that the identity lacked; never takes a key another identity holds. */
async function fillIdentity(
  scope: IngestScope,
  identity: Identity,
  seen: { externalId: string | null; phone: string | null; displayName: string | null; username: string | null },
): Promise<Identity> {
  const { repos, channel, now } = scope;
  const patch: Partial<Pick<Identity, 'externalId' | 'phone' | 'displayName' | 'username'>> = {};
  if (seen.externalId && !identity.externalId && !(await repos.identities.findByExternalId(channel.id, seen.externalId))) {
    patch.externalId = seen.externalId;
  }
  if (seen.phone && !identity.phone && !(await repos.identities.findByPhone(channel.id, seen.phone))) {
    patch.phone = seen.phone;
  }
  if (seen.displayName && seen.displayName !== identity.displayName) patch.displayName = seen.displayName;
  if (seen.username && seen.username !== identity.username) patch.username = seen.username;
  if (Object.keys(patch).length === 0) return identity;
  await repos.identities.update(identity.id, patch);
  if (patch.displayName || patch.phone) {
    await repos.contacts.fillBlanks(identity.contactId, { name: patch.displayName, phone: patch.phone }, now);
  }
  return { ...identity, ...patch };
}
