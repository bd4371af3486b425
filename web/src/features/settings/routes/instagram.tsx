import { AtSign, Workflow } from 'lucide-react';
import { useId } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FormError } from '../../../components/ui/alert';
import { Page } from '../../../components/layout/page';
import { errorMessage } from '../../../lib/api';
import { useChannel, useChannels, useChooseInvitesNumber, type Channel } from '../../channels';
import { ChannelConnection } from '../components/channel-connection';
import { SettingsLinks } from '../components/settings-links';
import '../settings.css';

/**
 * `/settings/instagram`: the Instagram channel's settings. With several Instagram accounts it
 * first asks which one; `?account=` then carries the choice to Prompt Settings and Merge Automation.
 */
export function InstagramSettingsPage() {
  const [params] = useSearchParams();
  const { data } = useChannels();
  const accounts = (data ?? []).filter((c) => c.kind === 'instagram' && c.connected);
  const chosen = params.get('account');
  if (accounts.length > 1 && !accounts.some((a) => a.id === chosen)) {
    return (
      <Page title="Instagram" description="Several Instagram accounts are connected. Which one do you want to set up?">
        <SettingsLinks
          label="Instagram accounts"
          items={accounts.map((account) => ({
            to: `/settings/instagram?account=${encodeURIComponent(account.id)}`,
            label: account.name ?? account.externalId ?? account.id,
            description: 'Its automations, Merge Automation and WhatsApp number for invites.',
            icon: <AtSign aria-hidden="true" size={20} />,
          }))}
        />
      </Page>
    );
  }
  const search = chosen ? `?account=${encodeURIComponent(chosen)}` : '';
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
              to: `/settings/instagram/prompt-settings${search}`,
              label: 'Prompt Settings',
              description: 'Automated response sequences and Merge Automation.',
              icon: <Workflow aria-hidden="true" size={20} />,
            },
          ]}
        />
        <InvitesNumber numbers={(data ?? []).filter((c) => c.kind === 'whatsapp' && c.connected)} />
      </section>
      <section className="section" aria-labelledby="instagram-connection-heading">
        <h2 id="instagram-connection-heading">Connection</h2>
        <ChannelConnection kind="instagram" />
      </section>
    </Page>
  );
}

/** Where this account's invites send customers: a chosen WhatsApp number, by default the first connected. */
function InvitesNumber({ numbers }: { numbers: Channel[] }) {
  const id = useId();
  const { channel } = useChannel('instagram');
  const choose = useChooseInvitesNumber();
  if (!channel || numbers.length === 0) return null;
  const current = numbers.find((n) => n.id === channel.settings.invitesWhatsAppChannelId) ?? numbers[0];
  return (
    <div className="field">
      <label className="field-label" htmlFor={`${id}-invites`}>
        WhatsApp number for invites
      </label>
      <select
        id={`${id}-invites`}
        className="field-input"
        value={current.id}
        disabled={choose.isPending}
        onChange={(event) => choose.mutate({ channelId: channel.id, whatsappChannelId: event.target.value })}
      >
        {numbers.map((number) => (
          <option key={number.id} value={number.id}>
            {number.name ?? number.externalId ?? number.id}
          </option>
        ))}
      </select>
      {choose.isError && <FormError>{errorMessage(choose.error)}</FormError>}
    </div>
  );
}
