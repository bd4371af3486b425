import { useState, type FormEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/dialog';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { errorMessage } from '../../../lib/api';
import { fullTime } from '../../../lib/format';
import { useSession } from '../../../lib/session/use-session';
import { useAddContactNote } from '../api/add-contact-note';
import { useDeleteContactNote } from '../api/delete-contact-note';
import { useEditContactNote } from '../api/edit-contact-note';
import type { ContactView } from '../api/get-contact';

const NOTE_MAX = 5000;
type Note = ContactView['notes'][number];

/** The contact's notes, each signed and dated; its author or an admin may edit or delete it. */
export function ContactNotes({ contactId, notes, agentNames }: { contactId: string; notes: Note[]; agentNames: Map<string, string> }) {
  const { user } = useSession();
  const [draft, setDraft] = useState('');
  const add = useAddContactNote();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    add.mutate({ contactId, body: draft }, { onSuccess: () => setDraft('') });
  };

  return (
    <>
      {notes.length ? (
        <ul className="panel-list">
          {notes.map((note) => (
            <NoteItem key={note.id} note={note} author={note.authorId ? (agentNames.get(note.authorId) ?? 'An agent') : 'Braid'} mayChange={user.role === 'admin' || note.authorId === user.id} />
          ))}
        </ul>
      ) : (
        <p className="muted">No notes.</p>
      )}
      <form className="note-form" onSubmit={submit}>
        <TextAreaField label="Add a note" value={draft} maxLength={NOTE_MAX} onChange={(event) => setDraft(event.target.value)} />
        {add.isError && <FormError>{errorMessage(add.error)}</FormError>}
        <div className="panel-actions">
          <Button type="submit" variant="secondary" pending={add.isPending} disabled={!draft.trim()}>
            Save note
          </Button>
        </div>
      </form>
    </>
  );
}

function NoteItem({ note, author, mayChange }: { note: Note; author: string; mayChange: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const edit = useEditContactNote();
  const remove = useDeleteContactNote();

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (editing === null || !editing.trim()) return;
    edit.mutate({ noteId: note.id, body: editing }, { onSuccess: () => setEditing(null) });
  };

  return (
    <li className="note">
      {editing === null ? (
        <p className="note-body">{note.body}</p>
      ) : (
        <form onSubmit={save}>
          <TextAreaField label="Edit note" value={editing} maxLength={NOTE_MAX} onChange={(event) => setEditing(event.target.value)} autoFocus />
          {edit.isError && <FormError>{errorMessage(edit.error)}</FormError>}
          <div className="panel-actions">
            <Button type="submit" variant="secondary" pending={edit.isPending} disabled={!editing.trim()}>
              Save changes
            </Button>
            <Button variant="ghost" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      <p className="muted">
        {author}, {fullTime(note.createdAt)}
      </p>
      {mayChange && editing === null && (
        <div className="panel-actions">
          <Button variant="ghost" onClick={() => setEditing(note.body)}>
            Edit note
          </Button>
          <Button variant="ghost" onClick={() => setConfirmDelete(true)}>
            Delete note
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title="Delete this note?"
        description="The note is removed for everyone. The audit trail keeps that it was deleted."
        confirmLabel="Delete note"
        tone="danger"
        onConfirm={() => remove.mutateAsync({ noteId: note.id })}
      />
    </li>
  );
}
