import { useState } from 'react';
import { Page } from '../../../components/layout/page';
import { Callout, FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/dialog';
import { useNotify } from '../../../components/ui/notifications';
import { errorMessage } from '../../../lib/api';
import { CHANNEL_NAME, fullTime } from '../../../lib/format';
import { useSession } from '../../../lib/session/use-session';
import { useChannelConnections, useDisconnectChannel, useTestChannelConnection, type ChannelConnection } from '../api/channel-connections';
import { ConnectInstagramDialog, ConnectWhatsAppDialog, ReplaceTokenDialog } from '../components/connect-dialogs';
import '../channels.css';

/** `/settings/channels`: every connected account, its health, and the values Meta's dashboard wants. Admins only. */
export function ChannelsPage() {
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  const connections = useChannelConnections({ enabled: isAdmin });

  if (!isAdmin) {
    return (
      <Page title="Channels">
        <Callout tone="warning" title="You cannot manage channels" role="alert">
          Only admins can connect and change channels. Ask an admin of your workspace.
        </Callout>
      </Page>
    );
  }

  const data = connections.data;
  return (
    <Page title="Channels" description="The Instagram accounts and WhatsApp numbers this workspace answers on." width="wide">
      {connections.isPending && <p className="muted" aria-busy="true">Loading channels…</p>}
      {connections.isError && <FormError>{errorMessage(connections.error)}</FormError>}
      {data && (
        <>
          <section className="card" aria-labelledby="webhook-heading">
            <h2 id="webhook-heading">Webhook values for Meta’s dashboard</h2>
            <dl className="details-list">
              <dt>Callback URL</dt>
              <dd>
                <code>{data.callbackUrls.instagram}</code> (Instagram)
                <br />
                <code>{data.callbackUrls.whatsapp}</code> (WhatsApp)
              </dd>
              <dt>Verify token</dt>
              <dd>{data.verifyToken ? <code>{data.verifyToken}</code> : <span className="muted">Set META_VERIFY_TOKEN or BRAID_SECRET_KEY to have one.</span>}</dd>
            </dl>
          </section>
          {!data.canConnect && (
            <Callout tone="warning" title="Channels cannot be connected here yet">
              Set BRAID_SECRET_KEY (32 random bytes in base64, e.g. openssl rand -base64 32) and restart Braid: without it the tokens cannot be stored encrypted.
            </Callout>
          )}
          <div className="actions-row">
            <ConnectInstagramDialog disabled={!data.canConnect} />
            <ConnectWhatsAppDialog disabled={!data.canConnect} />
          </div>
          <ul className="channel-rows" aria-label="Connected channels">
            {data.channels.map((channel) => (
              <ChannelRow key={channel.id} channel={channel} />
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

function ChannelRow({ channel }: { channel: ChannelConnection }) {
  const notify = useNotify();
  const test = useTestChannelConnection();
  const disconnect = useDisconnectChannel();
  const [replacing, setReplacing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const fromEnvironment = channel.source === 'environment';

  const runTest = () =>
    test.mutate(channel.id, {
      onSuccess: (result) =>
        notify(result.ok ? { tone: 'success', message: `Connected as ${result.name}.` } : { tone: 'error', message: `Meta says: ${result.message}` }),
      onError: (error) => notify({ tone: 'error', message: errorMessage(error) }),
    });

  return (
    <li className="card channel-row" aria-label={`${CHANNEL_NAME[channel.kind]} ${channel.name}`}>
      <h3>
        {CHANNEL_NAME[channel.kind]}: {channel.name}
      </h3>
      <dl className="details-list">
        <dt>Status</dt>
        <dd>{channel.status === 'connected' ? 'Connected' : <>Needs attention: {channel.statusReason}</>}</dd>
        <dt>{channel.kind === 'instagram' ? 'Instagram account ID' : 'Phone number ID'}</dt>
        <dd>
          <code>{channel.externalId}</code>
        </dd>
        <dt>Last webhook</dt>
        <dd>{channel.lastWebhookAt ? fullTime(channel.lastWebhookAt) : 'None yet'}</dd>
        <dt>Credentials</dt>
        <dd>{fromEnvironment ? 'From environment' : `Token …${channel.tokenEndsWith ?? ''}, app secret …${channel.appSecretEndsWith ?? ''}`}</dd>
      </dl>
      <div className="actions-row">
        <Button variant="secondary" onClick={runTest} pending={test.isPending}>
          Test connection
        </Button>
        {!fromEnvironment && (
          <>
            <Button variant="secondary" onClick={() => setReplacing(true)}>
              Replace token
            </Button>
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Disconnect
            </Button>
          </>
        )}
      </div>
      {replacing && <ReplaceTokenDialog channel={channel} open={replacing} onOpenChange={setReplacing} />}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Disconnect ${channel.name}?`}
        description="Braid stops receiving and sending on this account. Its conversations and contacts stay."
        confirmLabel="Disconnect"
        tone="danger"
        onConfirm={async () => {
          await disconnect.mutateAsync(channel.id);
          notify({ tone: 'success', message: `${channel.name} is disconnected.` });
        }}
      />
    </li>
  );
}
