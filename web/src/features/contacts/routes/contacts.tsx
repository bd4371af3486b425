import { Contact as ContactIcon, Search } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ChannelBadge } from '../../../components/icons/channel-badge';
import { Page } from '../../../components/layout/page';
import { FormError } from '../../../components/ui/alert';
import { errorMessage } from '../../../lib/api';
import { useInboxLiveUpdates } from '../../../lib/use-inbox-live-updates';
import { contactLabel } from '../api/contact-schema';
import { useContacts } from '../api/list-contacts';
import '../contacts.css';
import { handleOf } from '../../../lib/format';

/** `/contacts`: everyone who has written to the workspace, one contact per customer, searchable. */
export function ContactsPage() {
  useInboxLiveUpdates();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(typed), 250);
    return () => window.clearTimeout(timer);
  }, [typed]);
  const contacts = useContacts(search);
  const rows = contacts.data?.contacts ?? [];

  return (
    <Page title="Contacts" description="One contact per customer, across Instagram and WhatsApp." width="wide">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-search`}>
          Search contacts
        </label>
        <div className="search-field">
          <Search aria-hidden="true" size={16} />
          <input id={`${id}-search`} type="search" className="field-input" placeholder="Name, handle, phone or email" value={typed} onChange={(event) => setTyped(event.target.value)} />
        </div>
      </div>
      {contacts.isError && <FormError>{`Contacts could not be loaded: ${errorMessage(contacts.error)}`}</FormError>}
      {contacts.isSuccess && rows.length === 0 && (
        <div className="card empty-state">
          <ContactIcon aria-hidden="true" size={36} strokeWidth={1.5} />
          {search ? (
            <p className="empty-state-title">No contact matches “{search}”</p>
          ) : (
            <>
              <p className="empty-state-title">No contacts yet</p>
              <p className="muted">A contact is created when a customer first writes to you.</p>
            </>
          )}
        </div>
      )}
      {rows.length > 0 && (
        <ul className="contact-rows card" aria-label="Contacts">
          {rows.map((contact) => (
            <li key={contact.id}>
              <Link className="contact-row" to={`/contacts/${contact.id}`}>
                <span className="contact-row-name">{contactLabel(contact, contact.identities)}</span>
                <span className="contact-row-identities">
                  {contact.identities.map((identity) => (
                    <span key={identity.id}>
                      <ChannelBadge channel={identity.kind} />{' '}
                      {identity.username ? handleOf(identity.username) : identity.phone ? `+${identity.phone.replace(/^\+/, '')}` : 'number not shared'}
                    </span>
                  ))}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
