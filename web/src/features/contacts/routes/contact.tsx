import { useParams } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';
import { useInboxLiveUpdates } from '../../chat/lib/use-inbox-live-updates';
import { useMergeNotifications } from '../../chat/lib/use-merge-notifications';
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
