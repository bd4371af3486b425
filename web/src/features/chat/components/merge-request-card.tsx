import { GitMerge } from 'lucide-react';
import { useId, useState } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { errorMessage } from '../../../lib/api';
import { fullTime } from '../../../lib/format';
import { useAcceptMergeRequest, useRejectMergeRequest } from '../../merge';
import type { Message } from '../api/list-contact-timeline';
import { payloadString } from '../lib/timeline';

const DECIDED: Record<string, string> = { accepted: 'Merged', rejected: 'Rejected: the contacts stay apart' };

/**
 * Manual merge mode (or a conflict): the customer connected through an invite and the agent
 * decides. The text names both contacts and the invite; nothing merges until **Merge**.
 */
export function MergeRequestCard({ item }: { item: Message }) {
  const headingId = useId();
  const accept = useAcceptMergeRequest();
  const reject = useRejectMergeRequest();
  const [error, setError] = useState<string | null>(null);
  const requestId = payloadString(item, 'mergeRequestId');
  const state = payloadString(item, 'state') ?? 'pending';
  const reason = payloadString(item, 'reason');
  const inviteId = payloadString(item, 'inviteId');
  const busy = accept.isPending || reject.isPending;

  const decide = (action: 'merge' | 'reject') => {
    if (!requestId) return;
    setError(null);
    const onError = (failure: unknown) => setError(`${action === 'merge' ? 'Not merged' : 'Not rejected'}: ${errorMessage(failure)}`);
    if (action === 'merge') accept.mutate(requestId, { onError });
    else reject.mutate({ mergeRequestId: requestId }, { onError });
  };

  return (
    <li className="system-item merge-request" aria-labelledby={headingId}>
      <div className="merge-request-card">
        <h3 id={headingId} className="merge-request-title">
          <GitMerge aria-hidden="true" size={18} /> Merge request
        </h3>
        <p>{item.text}</p>
        {reason && <p className="muted">{reason}</p>}
        <p className="muted merge-request-invite">
          {inviteId ? `Through the WhatsApp invite sent earlier (invite ${inviteId.slice(-6)}), ` : ''}asked {fullTime(item.at)}.
        </p>
        {state === 'pending' ? (
          <div className="merge-request-actions">
            <Button onClick={() => decide('merge')} pending={accept.isPending} disabled={busy && !accept.isPending}>
              Merge
            </Button>
            <Button variant="secondary" onClick={() => decide('reject')} pending={reject.isPending} disabled={busy && !reject.isPending}>
              Reject
            </Button>
          </div>
        ) : (
          <p className="merge-request-state">{DECIDED[state] ?? state}</p>
        )}
        <FormError>{error}</FormError>
      </div>
    </li>
  );
}
