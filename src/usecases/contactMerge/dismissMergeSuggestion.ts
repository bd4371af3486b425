import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';

/** The agent says two contacts are not the same customer: the pair is not suggested again, on either side. */
export async function dismissMergeSuggestion(
  ctx: AppContext,
  input: { workspaceId: string; contactId: string; otherContactId: string; actorId: string },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (repos) => {
    const contacts = await repos.contacts.getMany(input.workspaceId, [input.contactId, input.otherContactId]);
    if (contacts.length !== 2) throw notFound('contact_not_found', 'One of these contacts does not exist in this workspace.');
    await repos.suggestions.dismiss(input.contactId, input.otherContactId, input.actorId, now);
    for (const contactId of [input.contactId, input.otherContactId]) {
      await repos.audit.append(
        {
          workspaceId: input.workspaceId,
          actorType: 'user',
          actorId: input.actorId,
          action: 'suggestion.dismissed',
          subjectType: 'contact',
          subjectId: contactId === input.contactId ? input.otherContactId : input.contactId,
          contactId,
          data: {},
        },
        now,
      );
    }
    await repos.events.record(input.workspaceId, 'suggestion.dismissed', { contactId: input.contactId, otherContactId: input.otherContactId }, now);
  });
}
