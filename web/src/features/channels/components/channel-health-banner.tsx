import { Link } from 'react-router-dom';
import { Callout } from '../../../components/ui/alert';
import { CHANNEL_NAME } from '../../../lib/format';
import { useSession } from '../../../lib/session/use-session';
import { useChannelConnections } from '../api/channel-connections';

/**
 * For admins in the inbox: an account whose token stopped working holds its replies back, and
 * nobody would know from the conversations alone. Names the account and what to do.
 */
export function ChannelHealthBanner() {
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  // Polled as well as refreshed on changes: a token expires without anyone in Braid doing anything.
  const connections = useChannelConnections({ enabled: isAdmin, refetchInterval: 30_000 });
  const broken = connections.data?.channels.filter((channel) => channel.status === 'needs_attention') ?? [];
  if (!isAdmin || broken.length === 0) return null;
  return (
    <>
      {broken.map((channel) => (
        <Callout key={channel.id} tone="warning" title={`${CHANNEL_NAME[channel.kind]} ${channel.name} needs attention`} role="alert">
          {channel.statusReason} <Link to="/settings/channels">Open Settings → Channels</Link>
        </Callout>
      ))}
    </>
  );
}
