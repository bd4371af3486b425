import { GitMerge } from 'lucide-react';
import { Page } from '../../../components/layout/page';
import { Callout } from '../../../components/ui/alert';
import { SettingsLinks } from '../components/settings-links';

/** `/settings/instagram/prompt-settings`: Instagram automations and the way into Merge Automation. */
export function PromptSettingsPage() {
  return (
    <Page
      title="Prompt Settings"
      breadcrumbs={[
        { label: 'Instagram', to: '/settings/instagram' },
      ]}
      description="What happens when a customer writes to you on Instagram."
    >
      <section className="section" aria-labelledby="merge-heading">
        <h2 id="merge-heading">Contacts</h2>
        <SettingsLinks
          label="Prompt settings"
          items={[
            {
              to: '/settings/instagram/prompt-settings/merge-automation',
              label: 'Merge Automation',
              description: 'Link a customer’s Instagram account with their WhatsApp number.',
              icon: <GitMerge aria-hidden="true" size={20} />,
            },
          ]}
        />
      </section>
      <section className="section" aria-labelledby="automations-heading">
        <h2 id="automations-heading">Automated responses</h2>
        <Callout>
          Automated response sequences (for example, when a customer sends “Hi”) and their triggers will be listed
          here.
        </Callout>
      </section>
    </Page>
  );
}
