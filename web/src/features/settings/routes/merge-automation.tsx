import { ArrowLeft } from 'lucide-react';
import { useNavigate } from 'react-router-dom';
import { Page } from '../../../components/layout/page';
import { Callout } from '../../../components/ui/alert';
import { IconButton } from '../../../components/ui/icon-button';

/**
 * `/settings/instagram/prompt-settings/merge-automation`. The guide's Back arrow
 * returns to the Instagram settings (not to Prompt Settings).
 */
export function MergeAutomationPage() {
  const navigate = useNavigate();
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
        <Callout>
          The <strong>Manual merge mode</strong> setting will be here. When it is on, agents are asked before a
          customer’s WhatsApp number is merged into their Instagram contact; when it is off, Braid merges as soon as
          the customer connects.
        </Callout>
      </section>
    </Page>
  );
}
