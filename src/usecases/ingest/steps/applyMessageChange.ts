import type { DeletedEvent, EditEvent, ReactionEvent, ReadEvent } from '../../../channels/events';
import type { Message } from '../../../store/repositories/messages';
import { cleanText, type IngestScope } from './ingestScope';

type MessageChange = ReactionEvent | ReadEvent | DeletedEvent | EditEvent;

/**
 * Applies a change the customer made to an existing message: a reaction, a read receipt, an
 * unsend, an edit. A change that names a message Braid never stored (an old mid, or one that
 * arrives before its message) is noted on the delivery and never fails it.
 */
export async function applyMessageChange(scope: IngestScope, event: MessageChange): Promise<void> {
  const { repos, channel } = scope;
  const target = await repos.messages.findByExternalId(channel.id, event.externalId);
  if (event.kind === 'read') return applyRead(scope, event, target);
  if (!target) {
    scope.tally.unknownTargets.push(`${event.kind} of unknown message ${event.externalId}`);
    return;
  }
  switch (event.kind) {
    case 'reaction':
      return applyReaction(scope, event, target);
    case 'deleted':
      return applyDeletion(scope, target);
    case 'edit':
      return applyEdit(scope, event, target);
  }
}

async function applyReaction(scope: IngestScope, event: ReactionEvent, target: Message): Promise<void> {
  const reactions = { ...((target.payload.reactions as Record<string, unknown>) ?? {}) };
  // One reaction per customer and message: a new one replaces the old, an unreact removes it.
  if (event.action === 'unreact') delete reactions.customer;
  else reactions.customer = { emoji: cleanText(event.emoji), reaction: cleanText(event.reaction), at: event.timestamp };
  await scope.repos.messages.updatePayload(target.id, { payload: { ...target.payload, reactions } });
  await changed(scope, target);
}

async function applyDeletion(scope: IngestScope, target: Message): Promise<void> {
  if (target.type === 'deleted') {
    scope.tally.duplicates += 1;
    return;
  }
  // The customer unsent it: hide the content, keep the row so the thread shows "deleted".
  await scope.repos.messages.updatePayload(target.id, {
    type: 'deleted',
    text: null,
    payload: { deleted: true, originalType: target.type },
  });
  await changed(scope, target);
}

async function applyEdit(scope: IngestScope, event: EditEvent, target: Message): Promise<void> {
  const previous = Number(target.payload.editCount ?? 0);
  if (event.editCount !== undefined && event.editCount <= previous) {
    scope.tally.duplicates += 1;
    return;
  }
  await scope.repos.messages.updatePayload(target.id, {
    text: cleanText(event.text),
    payload: { ...target.payload, edited: true, editCount: event.editCount ?? previous + 1 },
  });
  await changed(scope, target);
}

/** Instagram's messaging_seen: everything the business sent up to that message has been read. */
async function applyRead(scope: IngestScope, event: ReadEvent, target: Message | undefined): Promise<void> {
  // A read says nothing worth a new contact: only customers Braid knows have something to read.
  const identity = event.customer.igsid ? await scope.repos.identities.findByExternalId(scope.channel.id, event.customer.igsid) : undefined;
  const conversation = identity && (await scope.repos.conversations.findByIdentity(identity.id));
  if (!target) scope.tally.unknownTargets.push(`read of unknown message ${event.externalId}`);
  if (!conversation) return;
  const upTo = target?.platformTs ?? event.timestamp;
  const outbound = await scope.repos.messages.outboundUpTo(conversation.id, upTo);
  for (const message of outbound) {
    if (await scope.repos.messages.advanceStatus(message.id, 'read')) await changed(scope, message);
  }
}

async function changed(scope: IngestScope, message: Message): Promise<void> {
  scope.tally.stored += 1;
  await scope.repos.events.record(
    scope.channel.workspaceId,
    'message.updated',
    { conversationId: message.conversationId, messageId: message.id },
    scope.now,
  );
}
