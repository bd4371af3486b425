import { Copy } from 'lucide-react';
import { Callout, FormError } from '../../../components/ui/alert';
import { IconButton } from '../../../components/ui/icon-button';
import { useNotify } from '../../../components/ui/notifications';
import { errorMessage } from '../../../lib/api';
import type { ChannelKind } from '../../../lib/channel-kind';
import { CHANNEL_NAME, fullTime } from '../../../lib/format';
import { useChannel } from '../../channels';

const ID_LABEL: Record<ChannelKind, string> = { instagram: 'Instagram account id', whatsapp: 'Phone number id' };

/** How a channel is connected: its account, and the webhook address to paste into the Meta app dashboard. */
export function ChannelConnection({ kind }: { kind: ChannelKind }) {
  const notify = useNotify();
  const { channel, isPending, error } = useChannel(kind);
  const name = CHANNEL_NAME[kind];
  if (isPending) return <p className="muted">Loading the {name} channel…</p>;
  if (error) return <FormError>{`The ${name} channel could not be loaded: ${errorMessage(error)}`}</FormError>;
  if (!channel) {
    return <Callout tone="warning">{name} is not connected. Set its Meta credentials in Braid’s configuration and restart Braid.</Callout>;
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(channel.webhookUrl);
      notify({ tone: 'success', message: `${name} webhook URL copied.` });
    } catch {
      notify({ tone: 'error', message: 'The browser did not allow copying. Select the address and copy it by hand.' });
    }
  };
  return (
    <dl className="details-list">
      <dt>Name</dt>
      <dd>{channel.name}</dd>
      <dt>{ID_LABEL[kind]}</dt>
      <dd>
        <code>{channel.externalId}</code>
      </dd>
      <dt>Webhook URL</dt>
      <dd>
        <span className="copy-row">
          <code>{channel.webhookUrl}</code>
          <IconButton label={`Copy the ${name} webhook URL`} icon={Copy} onClick={copy} />
        </span>
        <span className="muted">
          Paste it as the callback URL of the {name} webhook in the Meta app dashboard, with the verify token from Braid’s configuration
          (META_VERIFY_TOKEN).
        </span>
      </dd>
      <dt>Connected</dt>
      <dd>{fullTime(channel.createdAt)}</dd>
    </dl>
  );
}
