import { Undo2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/dialog';
import { useNotify } from '../../../components/ui/notifications';
import { fullTime } from '../../../lib/format';
import { useUndoMerge } from '../../merge';
import type { MergeHistoryItem } from '../api/get-contact-history';
import { describeHow } from '../lib/describe-audit';

/** The merges that made this contact, newest first, each with **Undo merge** while it can still be undone. */
export function MergeHistory({ merges, agentNames }: { merges: MergeHistoryItem[]; agentNames: Map<string, string> }) {
  const notify = useNotify();
  const undo = useUndoMerge();
  const [confirming, setConfirming] = useState<MergeHistoryItem | null>(null);

  if (merges.length === 0) return <p className="muted">No merges yet.</p>;
  return (
    <>
      <ul className="panel-list">
        {merges.map((merge) => (
          <li key={merge.id} className="merge-history-item">
            <p>
              Merged {describeHow(merge.how)}
              {merge.actorId && agentNames.get(merge.actorId) ? ` by ${agentNames.get(merge.actorId)}` : ''} on {fullTime(merge.createdAt)}
            </p>
            {merge.reason && <p className="muted">{merge.reason}</p>}
            {merge.undoneAt !== null ? (
              <p className="muted">Undone on {fullTime(merge.undoneAt)}{merge.undoneBy && agentNames.get(merge.undoneBy) ? ` by ${agentNames.get(merge.undoneBy)}` : ''}</p>
            ) : merge.undoable ? (
              <Button variant="secondary" onClick={() => setConfirming(merge)}>
                <Undo2 aria-hidden="true" size={16} /> Undo merge
              </Button>
            ) : (
              <p className="muted">A later merge was built on this one: undo that first.</p>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title="Undo this merge?"
        description="Both contacts are restored as they were before the merge, each with its own channels. Messages that arrived since stay with the channel they came on."
        tone="danger"
        onConfirm={async () => {
          if (!confirming) return;
          await undo.mutateAsync({ mergeId: confirming.id });
          notify({ tone: 'success', message: 'Merge undone: the two contacts are separate again.' });
        }}
      />
    </>
  );
}
