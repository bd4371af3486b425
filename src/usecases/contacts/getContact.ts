import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import { replyWindow } from '../../domain/messaging/replyWindow';
import type { Contact, Note } from '../../store/repositories/contacts';
import type { Conversation } from '../../store/repositories/conversations';
import type { Identity } from '../../store/repositories/identities';
import type { Invite } from '../../store/repositories/invites';
import type { MergeRequest } from '../../store/repositories/mergeRequests';

export interface ContactView {
  contact: Contact;
  /** Set when the id asked for is a tombstone: the contact it was merged into is shown instead. */
  resolvedFrom: string | null;
  identities: { instagram: IdentityView[]; whatsapp: IdentityView[] };
  tags: string[];
  notes: Note[];
  pendingMergeRequests: MergeRequest[];
  invites: Omit<Invite, 'codeHash'>[];
}

export interface IdentityView extends Identity {
  conversation: (Conversation & { replyWindowOpen: boolean; replyWindowClosesAt: number | null }) | null;
}

/** The contact view: the contact (old links to a merged-away contact resolve), its identities per channel, and what is pending. */
export async function getContact(ctx: AppContext, input: { workspaceId: string; contactId: string }): Promise<ContactView> {
  const { repos } = ctx.store;
  const contact = await repos.contacts.resolve(input.workspaceId, input.contactId);
  if (!contact) throw notFound('contact_not_found', 'This contact does not exist in this workspace.');
  const now = ctx.clock.now();
  const identities = await repos.identities.forContacts([contact.id]);
  const conversations = await repos.conversations.forIdentities(identities.map((i) => i.id));
  const view = (identity: Identity): IdentityView => {
    const conversation = conversations.find((c) => c.identityId === identity.id);
    if (!conversation) return { ...identity, conversation: null };
    const window = replyWindow(conversation.lastInboundAt, now);
    return { ...identity, conversation: { ...conversation, replyWindowOpen: window.open, replyWindowClosesAt: window.closesAt } };
  };
  // The invites sent to the identities the contact holds now (either way), not to the contact they were
  // sent from: a merged-in contact's invites stay visible, and an undo takes them back with it.
  const invites = await repos.invites.forIdentities(
    input.workspaceId,
    identities.map((i) => i.id),
  );
  return {
    contact,
    resolvedFrom: contact.id === input.contactId ? null : input.contactId,
    identities: {
      instagram: identities.filter((i) => i.kind === 'instagram').map(view),
      whatsapp: identities.filter((i) => i.kind === 'whatsapp').map(view),
    },
    tags: (await repos.contacts.tags([contact.id])).map((t) => t.tag),
    notes: await repos.contacts.notes([contact.id]),
    pendingMergeRequests: await repos.mergeRequests.pendingForContacts(input.workspaceId, [contact.id]),
    // An invite nobody used is not rewritten when it runs out; it is shown as what it is now.
    invites: invites.map(({ codeHash: _hidden, ...rest }) => (rest.state === 'sent' && rest.expiresAt <= now ? { ...rest, state: 'expired' as const } : rest)),
  };
}
