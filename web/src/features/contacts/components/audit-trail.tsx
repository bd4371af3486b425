import { fullTime } from '../../../lib/format';
import type { AuditEvent } from '../api/get-contact-history';
import { describeAuditEvent } from '../lib/describe-audit';

/** Every invite, sync, request, merge and undo of this contact (and those merged into it): who, when, why. */
export function AuditTrail({ events: recorded, agentNames }: { events: AuditEvent[]; agentNames: Map<string, string> }) {
  // A merge is recorded on both contacts it joined; the trail spans both, so show each once.
  const seen = new Set<string>();
  const events = recorded.filter((event) => {
    const key = `${event.action}:${event.subjectId}:${event.createdAt}:${String(event.data?.tag ?? '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (events.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <ol className="audit-trail">
      {events.map((event) => {
        const { what, who } = describeAuditEvent(event, agentNames);
        const reason = typeof event.data?.reason === 'string' ? event.data.reason : null;
        return (
          <li key={event.id}>
            <span className="audit-what">{what}</span>
            <span className="muted">
              {' '}
              by {who}, {fullTime(event.createdAt)}
            </span>
            {reason && <span className="audit-reason">{reason}</span>}
          </li>
        );
      })}
    </ol>
  );
}
