import { Workflow } from 'lucide-react';
import { Page } from '../../../components/layout/page';
import { ChannelConnection } from '../components/channel-connection';
import { SettingsLinks } from '../components/settings-links';
import '../settings.css';

/** `/settings/instagram`: the Instagram channel's settings. */
export function InstagramSettingsPage() {
  return (
    <Page
      title="Instagram"
      description="How Braid receives and answers Instagram Direct messages."
    >
      <section className="section" aria-labelledby="instagram-automation-heading">
        <h2 id="instagram-automation-heading">Automation and merging</h2>
        <SettingsLinks
          label="Instagram settings"
          items={[
            {
              to: '/settings/instagram/prompt-settings',
              label: 'Prompt Settings',
              description: 'Automated response sequences and Merge Automation.',
              icon: <Workflow aria-hidden="true" size={20} />,
            },
          ]}
        />
      </section>
      <section className="section" aria-labelledby="instagram-connection-heading">
        <h2 id="instagram-connection-heading">Connection</h2>
        <ChannelConnection kind="instagram" />
      </section>
    </Page>
  );
}
