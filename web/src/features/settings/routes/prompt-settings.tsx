import { GitMerge } from 'lucide-react';
import { useLocation } from 'react-router-dom';
import { Page } from '../../../components/layout/page';
import { useSession } from '../../../lib/session/use-session';
import { AutomationList } from '../../automations';
import { SettingsLinks } from '../components/settings-links';

/** `/settings/instagram/prompt-settings`: Instagram automations and the way into Merge Automation. */
export function PromptSettingsPage() {
  const { user } = useSession();
  // `?account=` says which Instagram account when several are connected; Merge Automation keeps it.
  const { search } = useLocation();
  return (
    <Page
      title="Prompt Settings"
      breadcrumbs={[{ label: 'Instagram', to: '/settings/instagram' }]}
      description="What happens when a customer writes to you on Instagram."
      width="wide"
    >
      <section className="section" aria-labelledby="merge-heading">
        <h2 id="merge-heading">Contacts</h2>
        <SettingsLinks
          label="Prompt settings"
          items={[
            {
              to: `/settings/instagram/prompt-settings/merge-automation${search}`,
              label: 'Merge Automation',
              description: 'Link a customer’s Instagram account with their WhatsApp number.',
              icon: <GitMerge aria-hidden="true" size={20} />,
            },
          ]}
        />
      </section>
      <section className="section" aria-labelledby="automations-heading">
        <h2 id="automations-heading">Automated responses</h2>
        <p className="muted">
          When a customer’s message matches a trigger, its sequence of steps runs. Automations are tried in this order; an agent’s reply or
          assignment stops a running sequence. Automations never merge contacts.
        </p>
        <AutomationList channel="instagram" canEdit={user.role === 'admin'} />
      </section>
    </Page>
  );
}
