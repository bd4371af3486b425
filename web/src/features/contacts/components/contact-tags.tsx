import { X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { IconButton } from '../../../components/ui/icon-button';
import { SuggestField } from '../../../components/ui/suggest-field';
import { errorMessage } from '../../../lib/api';
import { useAddContactTag } from '../api/add-contact-tag';
import { useWorkspaceTags } from '../api/list-workspace-tags';
import { useRemoveContactTag } from '../api/remove-contact-tag';

const TAG_MAX = 50;

/** The contact's tags, each removable, and a field that suggests the workspace's tags (Enter adds). */
export function ContactTags({ contactId, tags }: { contactId: string; tags: string[] }) {
  const [draft, setDraft] = useState('');
  const workspaceTags = useWorkspaceTags();
  const add = useAddContactTag();
  const remove = useRemoveContactTag();
  const suggestions = (workspaceTags.data?.tags ?? []).filter((tag) => !tags.includes(tag));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tag = draft.trim();
    if (!tag) return;
    add.mutate({ contactId, tag }, { onSuccess: () => setDraft('') });
  };

  return (
    <>
      {tags.length ? (
        <ul className="tag-list">
          {tags.map((tag) => (
            <li key={tag} className="badge tag">
              {tag}
              <IconButton
                label={`Remove tag ${tag}`}
                icon={X}
                className="tag-remove"
                disabled={remove.isPending && remove.variables?.tag === tag}
                onClick={() => remove.mutate({ contactId, tag })}
              />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No tags.</p>
      )}
      <form className="inline-form" onSubmit={submit}>
        <SuggestField label="Add tag" suggestions={suggestions} value={draft} maxLength={TAG_MAX} onChange={(event) => setDraft(event.target.value)} />
        <Button type="submit" variant="secondary" pending={add.isPending} disabled={!draft.trim()}>
          Add
        </Button>
      </form>
      {add.isError && <FormError>{errorMessage(add.error)}</FormError>}
      {remove.isError && <FormError>{errorMessage(remove.error)}</FormError>}
    </>
  );
}
