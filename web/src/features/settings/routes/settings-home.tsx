import { Building2, PlugZap, UsersRound } from 'lucide-react';
import { Page } from '../../../components/layout/page';
import { InstagramIcon, WhatsAppIcon } from '../../../components/icons/channel-icons';
import { useSession } from '../../../lib/session/use-session';
import { SettingsLinks } from '../components/settings-links';

/** `/settings`: the sections an admin configures. */
export function SettingsHomePage() {
  const { user } = useSession();
  const adminOnly = user.role === 'admin' ? undefined : 'Admins only';
  return (
    <Page title="Settings" description="Channels, automations, your team and the workspace.">
      <section aria-labelledby="channels-heading" className="section">
        <h2 id="channels-heading">Channels</h2>
        <SettingsLinks
          label="Channels"
          items={[
            {
              to: '/settings/instagram',
              label: 'Instagram',
              description: 'Connection, Prompt Settings and Merge Automation.',
              icon: <InstagramIcon />,
              badge: adminOnly,
            },
            {
              to: '/settings/whatsapp',
              label: 'WhatsApp',
              description: 'Connection and the business number customers reach.',
              icon: <WhatsAppIcon />,
              badge: adminOnly,
            },
            // Agents have no Channels page: connecting accounts is an admin's work.
            ...(user.role === 'admin'
              ? [
                  {
                    to: '/settings/channels',
                    label: 'Channels',
                    description: 'Connect Instagram accounts and WhatsApp numbers, and watch their health.',
                    icon: <PlugZap aria-hidden="true" size={20} />,
                  },
                ]
              : []),
          ]}
        />
      </section>
      <section aria-labelledby="workspace-heading" className="section">
        <h2 id="workspace-heading">Team and workspace</h2>
        <SettingsLinks
          label="Team and workspace"
          items={[
            {
              to: '/settings/agents',
              label: 'Agents',
              description: 'The people who answer conversations, and their roles.',
              icon: <UsersRound aria-hidden="true" size={20} />,
              badge: adminOnly,
            },
            {
              to: '/settings/workspace',
              label: 'Workspace',
              description: 'Name, WhatsApp invite sentence and invite expiry.',
              icon: <Building2 aria-hidden="true" size={20} />,
              badge: adminOnly,
            },
          ]}
        />
      </section>
    </Page>
  );
}
