import { newId } from '../src/domain/shared/ids';
import type { AppContext } from '../src/context';
import type { Channel } from '../src/store/repositories/channels';
import type { Insertable } from 'kysely';
import type { MessageTable } from '../src/store/schema';

/**
 * Customers made through the repositories, for tests of merging that do not need webhooks: a
 * contact with one identity on a channel and its conversation, optionally with a recent message.
 */
export async function addCustomer(
  ctx: AppContext,
  channel: Channel,
  options: { name?: string | null; email?: string | null; phone?: string | null; username?: string; displayName?: string; wroteAt?: number | null } = {},
) {
  const { repos } = ctx.store;
  const now = ctx.clock.now();
  const contact = await repos.contacts.create(
    { id: newId(), workspaceId: channel.workspaceId, name: options.name ?? null, email: options.email ?? null, phone: options.phone ?? null },
    now,
  );
  const identity = await repos.identities.create(
    {
      id: newId(),
      workspaceId: channel.workspaceId,
      contactId: contact.id,
      channelId: channel.id,
      kind: channel.kind,
      externalId: `${channel.kind === 'instagram' ? 'igsid' : 'bsuid'}-${newId()}`,
      phone: channel.kind === 'whatsapp' ? (options.phone ?? null) : null,
      username: options.username ?? null,
      displayName: options.displayName ?? null,
    },
    now,
  );
  const conversation = await repos.conversations.create(
    { id: newId(), workspaceId: channel.workspaceId, identityId: identity.id, channelId: channel.id, kind: channel.kind },
    now,
  );
  const wroteAt = options.wroteAt === undefined ? now : options.wroteAt;
  if (wroteAt !== null) await addInbound(ctx, conversation, 'Hello', wroteAt);
  return { contact, identity, conversation };
}

export async function addInbound(ctx: AppContext, conversation: { id: string; workspaceId: string; channelId: string; kind: 'instagram' | 'whatsapp' }, text: string, at: number) {
  const { repos } = ctx.store;
  const id = newId();
  await repos.messages.insert({
    id,
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    channelId: conversation.channelId,
    kind: conversation.kind,
    direction: 'inbound',
    externalId: `ext-${id}`,
    type: 'text',
    text,
    payload: {},
    status: 'received',
    errorCode: null,
    errorTitle: null,
    authorId: null,
    sentBy: 'customer',
    platformTs: at,
    createdAt: at,
  });
  await repos.conversations.recordMessage(conversation.id, { at, preview: text, inbound: true, countsAsUnread: true });
  return id;
}

/** Many messages at once (multi-row inserts), for merges over long histories. */
export async function addManyMessages(ctx: AppContext, conversation: { id: string; workspaceId: string; channelId: string; kind: 'instagram' | 'whatsapp' }, count: number, startAt: number) {
  const db = ctx.store.kysely;
  const batch = 1000;
  for (let offset = 0; offset < count; offset += batch) {
    const rows: Insertable<MessageTable>[] = [];
    for (let i = offset; i < Math.min(count, offset + batch); i++) {
      const id = newId();
      rows.push({
        id,
        workspace_id: conversation.workspaceId,
        conversation_id: conversation.id,
        channel_id: conversation.channelId,
        kind: conversation.kind,
        direction: i % 2 ? 'outbound' : 'inbound',
        external_id: `bulk-${id}`,
        type: 'text',
        text: `message ${i}`,
        payload: '{}',
        status: i % 2 ? 'sent' : 'received',
        error_code: null,
        error_title: null,
        author_id: null,
        sent_by: i % 2 ? 'agent' : 'customer',
        platform_ts: startAt + i,
        created_at: startAt + i,
      });
    }
    await db.insertInto('messages').values(rows).execute();
  }
}

/** Every row that makes up the contacts, exactly as stored: what undo must give back. */
export async function rawContactRows(ctx: AppContext, contactIds: string[]) {
  const db = ctx.store.kysely;
  return {
    contacts: await db.selectFrom('contacts').selectAll().where('id', 'in', contactIds).orderBy('id').execute(),
    identities: await db.selectFrom('identities').selectAll().where('contact_id', 'in', contactIds).orderBy('id').execute(),
    tags: await db.selectFrom('contact_tags').selectAll().where('contact_id', 'in', contactIds).orderBy('contact_id').orderBy('tag').execute(),
    notes: await db.selectFrom('notes').selectAll().where('contact_id', 'in', contactIds).orderBy('id').execute(),
  };
}
