import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/dialog';
import { useNotify } from '../../../components/ui/notifications';
import { useDismissMergeSuggestion } from '../api/dismiss-merge-suggestion';
import { contactLabel } from '../api/contact-schema';
import { useMergeContacts } from '../api/merge-contacts';
import { useMergeSuggestions, type MergeSuggestion } from '../api/list-merge-suggestions';

/** Contacts that are probably the same customer; merging takes the agent's click and a confirmation. */
export function MergeSuggestions({ contactId, contactName }: { contactId: string; contactName: string }) {
  const notify = useNotify();
  const suggestions = useMergeSuggestions(contactId);
  const merge = useMergeContacts();
  const dismiss = useDismissMergeSuggestion();
  const [confirming, setConfirming] = useState<MergeSuggestion | null>(null);
  const items = suggestions.data?.suggestions ?? [];

  if (suggestions.isError) return <p className="muted">Suggestions could not be loaded.</p>;
  if (items.length === 0) return <p className="muted">No other contact looks like the same customer.</p>;
  return (
    <>
      <ul className="panel-list">
        {items.map((suggestion) => {
          const name = contactLabel(suggestion.contact);
          return (
            <li key={suggestion.contactId}>
              <p>
                <Link to={`/contacts/${suggestion.contactId}`}>{name}</Link>: {suggestion.reason}
              </p>
              <div className="panel-actions">
                <Button variant="secondary" onClick={() => setConfirming(suggestion)}>
                  Merge {name} into this contact
                </Button>
                <Button
                  variant="ghost"
                  pending={dismiss.isPending && dismiss.variables?.otherContactId === suggestion.contactId}
                  onClick={() => dismiss.mutate({ contactId, otherContactId: suggestion.contactId })}
                >
                  Not the same customer
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title="Merge these contacts?"
        description={confirming ? `${contactLabel(confirming.contact)} becomes part of ${contactName}: channels, messages, notes and tags. You can undo it from the merge history.` : undefined}
        onConfirm={async () => {
          if (!confirming) return;
          await merge.mutateAsync({ contactId, withContactId: confirming.contactId });
          notify({ tone: 'success', message: `${contactLabel(confirming.contact)} merged into ${contactName}.` });
        }}
      />
    </>
  );
}
