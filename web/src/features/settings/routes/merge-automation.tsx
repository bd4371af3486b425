import { ArrowLeft } from 'lucide-react';
import { useNavigate } from 'react-router-dom';
import { Page } from '../../../components/layout/page';
import { Callout, FormError } from '../../../components/ui/alert';
import { IconButton } from '../../../components/ui/icon-button';
import { errorMessage } from '../../../lib/api';
import { useSession } from '../../../lib/session/use-session';
import { useChannel } from '../../channels';
import { ManualMergeSwitch } from '../components/manual-merge-switch';
import '../settings.css';

/**
 * `/settings/instagram/prompt-settings/merge-automation`. The guide's Back arrow
 * returns to the Instagram settings (not to Prompt Settings).
 */
export function MergeAutomationPage() {
  const navigate = useNavigate();
  const { channel, isPending, error } = useChannel('instagram');
  const isAdmin = useSession().user.role === 'admin';
  return (
    <Page
      title="Merge Automation"
      breadcrumbs={[
        { label: 'Instagram', to: '/settings/instagram' },
        { label: 'Prompt Settings', to: '/settings/instagram/prompt-settings' },
      ]}
      leading={<IconButton label="Back" icon={ArrowLeft} onClick={() => navigate('/settings/instagram')} />}
      description="Contact Merge Automation links a customer’s Instagram account with their WhatsApp number, so conversations on both channels belong to a single contact."
    >
      <section className="card section" aria-labelledby="merge-mode-heading">
        <h2 id="merge-mode-heading">Merge mode</h2>
        {error && <FormError>{`The Instagram channel could not be loaded: ${errorMessage(error)}`}</FormError>}
        {isPending && <p className="muted">Loading the Instagram channel…</p>}
        {!isPending && !error && !channel && (
          <Callout tone="warning">No Instagram channel is connected to this workspace, so there is nothing to merge yet.</Callout>
        )}
        {channel && !isAdmin && <Callout>Only admins change the merge mode. This is how it is set now.</Callout>}
        {channel && <ManualMergeSwitch channel={channel} canChange={isAdmin} />}
      </section>
      <section className="section" aria-labelledby="merge-rules-heading">
        <h2 id="merge-rules-heading">How merging works</h2>
        <ul className="plain-list">
          <li>Manual merge mode must be enabled before merging contacts by hand.</li>
          <li>Automation and manual merge are separate processes: an automation never merges anything.</li>
          <li>Merging is performed from the chat thread, and only after the customer connects on WhatsApp.</li>
          <li>Conflicts (for example a WhatsApp number that already belongs to another Instagram account) always ask an agent.</li>
          <li>Every merge can be undone from the contact’s merge history.</li>
        </ul>
      </section>
    </Page>
  );
}
