import type { AppContext } from '../../context';
import { forbidden, notFound } from '../../domain/shared/errors';
import { newId } from '../../domain/shared/ids';
import type { Note } from '../../store/repositories/contacts';
import type { Role } from '../../store/schema';
import type { Repositories } from '../../store/store';
import { liveContact, recordContactChange } from './steps/recordContactChange';

export interface NoteActor {
  id: string;
  role: Role;
}

/** Adds a note to the contact, signed by the agent who wrote it. */
export async function addContactNote(ctx: AppContext, input: { workspaceId: string; contactId: string; actor: NoteActor; body: string }): Promise<Note> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const contact = await liveContact(repos, input.workspaceId, input.contactId);
    const note: Note = { id: newId(), contactId: contact.id, authorId: input.actor.id, body: input.body, createdAt: now };
    await repos.contacts.addNote({ ...note, workspaceId: input.workspaceId });
    await recordContactChange(repos, { workspaceId: input.workspaceId, contactId: contact.id, actorId: input.actor.id, action: 'note.added', subjectType: 'note', subjectId: note.id, data: { noteId: note.id }, now });
    return note;
  });
}

/** Rewrites a note: only its author or an admin may. */
export async function editContactNote(ctx: AppContext, input: { workspaceId: string; noteId: string; actor: NoteActor; body: string }): Promise<Note> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const note = await ownNote(repos, input);
    await repos.contacts.updateNoteBody(note.id, input.body);
    await recordContactChange(repos, { workspaceId: input.workspaceId, contactId: note.contactId, actorId: input.actor.id, action: 'note.edited', subjectType: 'note', subjectId: note.id, data: { noteId: note.id }, now });
    return { ...note, body: input.body };
  });
}

/** Deletes a note: only its author or an admin may. */
export async function deleteContactNote(ctx: AppContext, input: { workspaceId: string; noteId: string; actor: NoteActor }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (repos) => {
    const note = await ownNote(repos, input);
    await repos.contacts.deleteNote(note.id);
    await recordContactChange(repos, { workspaceId: input.workspaceId, contactId: note.contactId, actorId: input.actor.id, action: 'note.deleted', subjectType: 'note', subjectId: note.id, data: { noteId: note.id }, now });
  });
}

async function ownNote(repos: Repositories, input: { workspaceId: string; noteId: string; actor: NoteActor }): Promise<Note> {
  const note = await repos.contacts.getNote(input.workspaceId, input.noteId);
  if (!note) throw notFound('note_not_found', 'This note does not exist in this workspace.');
  if (note.authorId !== input.actor.id && input.actor.role !== 'admin') {
    throw forbidden('not_note_author', 'Only the note’s author or an admin can change or delete it.');
  }
  return note;
}
