import type { AppContext } from '../../context';
import { notFound } from '../../domain/shared/errors';
import { liveContact, recordContactChange } from './steps/recordContactChange';

export interface TagInput {
  workspaceId: string;
  contactId: string;
  actorId: string;
  /** Already trimmed and checked for length by the caller's schema. */
  tag: string;
}

/** Puts a tag on the contact (a tag it already has is left as it is and not recorded twice). */
export async function addContactTag(ctx: AppContext, input: TagInput): Promise<{ contactId: string; tags: string[] }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const contact = await liveContact(repos, input.workspaceId, input.contactId);
    const had = (await repos.contacts.tags([contact.id])).some((t) => t.tag === input.tag);
    if (!had) {
      await repos.contacts.addTag(contact.id, input.tag, now);
      await recordContactChange(repos, { workspaceId: input.workspaceId, contactId: contact.id, actorId: input.actorId, action: 'contact.tag_added', subjectType: 'contact', subjectId: contact.id, data: { tag: input.tag }, now });
    }
    return { contactId: contact.id, tags: (await repos.contacts.tags([contact.id])).map((t) => t.tag) };
  });
}

/** Takes a tag off the contact; 404 when the contact does not have it. */
export async function removeContactTag(ctx: AppContext, input: TagInput): Promise<{ contactId: string; tags: string[] }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const contact = await liveContact(repos, input.workspaceId, input.contactId);
    if (!(await repos.contacts.removeTag(contact.id, input.tag))) {
      throw notFound('tag_not_found', `This contact has no tag “${input.tag}”.`);
    }
    await recordContactChange(repos, { workspaceId: input.workspaceId, contactId: contact.id, actorId: input.actorId, action: 'contact.tag_removed', subjectType: 'contact', subjectId: contact.id, data: { tag: input.tag }, now });
    return { contactId: contact.id, tags: (await repos.contacts.tags([contact.id])).map((t) => t.tag) };
  });
}

/** Every tag in use in the workspace, offered while tagging so one label is not spelled three ways. */
export async function listWorkspaceTags(ctx: AppContext, input: { workspaceId: string }): Promise<{ tags: string[] }> {
  return { tags: await ctx.store.repos.contacts.workspaceTags(input.workspaceId) };
}
