import { useId, type ReactNode } from 'react';
import { FormError } from '../../../components/ui/alert';
import { errorMessage } from '../../../lib/api';
import { fullTime, handleOf } from '../../../lib/format';
import { useSession } from '../../../lib/session/use-session';
import { useAgentNames } from '../../users';
import { useContact } from '../api/get-contact';
import { useContactHistory } from '../api/get-contact-history';
import { contactLabel } from '../api/contact-schema';
import { AuditTrail } from './audit-trail';
import { ContactIdentities } from './contact-identities';
import { ContactNotes } from './contact-notes';
import { CustomerData } from './customer-data';
import { ContactTags } from './contact-tags';
import { MergeHistory } from './merge-history';
import { MergeSuggestions } from './merge-suggestions';
import '../contacts.css';

function PanelSection({ title, level, children }: { title: string; level: 2 | 4; children: ReactNode }) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h4';
  return (
    <section className="panel-section" aria-labelledby={id}>
      <Heading id={id}>{title}</Heading>
      {children}
    </section>
  );
}

const INVITE_STATE: Record<string, string> = {
  sent: 'sent',
  connected: 'connected',
  merged: 'merged',
  expired: 'expired',
  superseded: 'replaced by a newer one',
  rejected: 'rejected',
  disputed: 'disputed (Not me)',
};

/**
 * Who the customer is across channels: name, handles, identities per channel, tags, notes,
 * merge suggestions, the **merge history** with **Undo merge**, and the audit trail.
 * Beside the thread and at /contacts/:id.
 */
/**
 * `headingLevel` 1 on the contact's own page; 3 beside a thread, whose h2 already names the
 * customer, so the name is not announced twice at the same level.
 */
export function ContactPanel({ contactId, headingLevel = 3 }: { contactId: string; headingLevel?: 1 | 3 }) {
  const contact = useContact(contactId);
  const history = useContactHistory(contact.data?.contact.id ?? contactId);
  const agentNames = useAgentNames();
  const { user } = useSession();
  const headingId = useId();
  const Heading = headingLevel === 1 ? 'h1' : 'h3';
  const sectionLevel = headingLevel === 1 ? 2 : 4;

  if (contact.isPending) return <p className="muted contact-panel-note">Loading the contact…</p>;
  if (contact.isError) return <FormError>{`The contact could not be loaded: ${errorMessage(contact.error)}`}</FormError>;
  const view = contact.data;
  const allIdentities = [...view.identities.instagram, ...view.identities.whatsapp];
  const name = contactLabel(view.contact, allIdentities);
  const handles = allIdentities.flatMap((identity) => (identity.username ? [handleOf(identity.username)] : identity.phone ? [`+${identity.phone.replace(/^\+/, '')}`] : []));

  return (
    <div className="contact-panel-body">
      <header className="contact-panel-header">
        <Heading id={headingId} tabIndex={-1} {...(headingLevel === 1 ? { 'data-page-heading': '' } : {})}>
          {name}
        </Heading>
        {handles.length > 0 && <p className="muted">{handles.join(' · ')}</p>}
        {view.contact.email && <p className="muted">{view.contact.email}</p>}
      </header>
      <PanelSection level={sectionLevel} title="Channels">
        <ContactIdentities identities={view.identities} />
      </PanelSection>
      <PanelSection level={sectionLevel} title="Tags">
        <ContactTags contactId={view.contact.id} tags={view.tags} />
      </PanelSection>
      <PanelSection level={sectionLevel} title="Notes">
        <ContactNotes contactId={view.contact.id} notes={view.notes} agentNames={agentNames} />
      </PanelSection>
      {view.invites.length > 0 && (
        <PanelSection level={sectionLevel} title="WhatsApp invites">
          <ul className="panel-list">
            {view.invites.map((invite) => (
              <li key={invite.id}>
                Sent {fullTime(invite.createdAt)}: {INVITE_STATE[invite.state] ?? invite.state}
                {invite.state === 'sent' && <span className="muted"> (valid until {fullTime(invite.expiresAt)})</span>}
              </li>
            ))}
          </ul>
        </PanelSection>
      )}
      <PanelSection level={sectionLevel} title="Merge suggestions">
        <MergeSuggestions contactId={view.contact.id} contactName={name} />
      </PanelSection>
      <PanelSection level={sectionLevel} title="Merge history">
        {history.isError ? (
          <FormError>{`The merge history could not be loaded: ${errorMessage(history.error)}`}</FormError>
        ) : (
          <MergeHistory merges={history.data?.merges ?? []} agentNames={agentNames} />
        )}
      </PanelSection>
      <PanelSection level={sectionLevel} title="Audit trail">
        <AuditTrail events={history.data?.events ?? []} agentNames={agentNames} />
      </PanelSection>
      {headingLevel === 1 && user.role === 'admin' && (
        <PanelSection level={sectionLevel} title="Customer data">
          <CustomerData contactId={view.contact.id} name={name} />
        </PanelSection>
      )}
    </div>
  );
}
