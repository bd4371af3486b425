import { useParams } from 'react-router-dom';
import { useInboxLiveUpdates } from '../../../lib/use-inbox-live-updates';
import { usePageTitle } from '../../../lib/use-page-title';
import { useMergeNotifications } from '../../merge';
import { ContactPanel } from '../components/contact-panel';

/** `/contacts/:contactId`: the contact panel as a page of its own. */
export function ContactPage() {
  const { contactId = '' } = useParams();
  usePageTitle('Contact');
  useInboxLiveUpdates();
  useMergeNotifications(undefined);
  return (
    <div className="page page-narrow card-page">
      <ContactPanel contactId={contactId} headingLevel={1} />
    </div>
  );
}
