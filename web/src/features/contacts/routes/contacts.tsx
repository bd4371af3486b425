import { Contact } from 'lucide-react';
import { Page } from '../../../components/layout/page';

/** `/contacts`: everyone who has written to the workspace, one contact per customer. */
export function ContactsPage() {
  return (
    <Page title="Contacts" description="One contact per customer, across Instagram and WhatsApp." width="wide">
      <div className="card empty-state">
        <Contact aria-hidden="true" size={36} strokeWidth={1.5} />
        <p className="empty-state-title">No contacts yet</p>
        <p className="muted">A contact is created when a customer first writes to you.</p>
      </div>
    </Page>
  );
}
