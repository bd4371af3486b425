import { Link } from 'react-router-dom';
import { ChannelBadge } from '../../../components/icons/channel-badge';
import { CHANNEL_NAME, fullTime, handleOf } from '../../../lib/format';
import type { ContactView, IdentityView } from '../api/get-contact';

function identityLabel(identity: IdentityView): string {
  if (identity.kind === 'instagram') return identity.username ? handleOf(identity.username) : (identity.displayName ?? `Instagram user ${identity.externalId ?? ''}`.trim());
  if (identity.phone) return `+${identity.phone.replace(/^\+/, '')}`;
  // WhatsApp users may hide their number (business-scoped user ids): the id is all there is.
  return `WhatsApp user ${identity.externalId ?? ''} (number not shared)`.trim();
}

/** The customer's accounts, grouped by channel, each with its conversation and reply window. */
export function ContactIdentities({ identities }: { identities: ContactView['identities'] }) {
  const groups = (['instagram', 'whatsapp'] as const).map((kind) => ({ kind, items: identities[kind] }));
  return (
    <dl className="identity-groups">
      {groups.map(({ kind, items }) => (
        <div key={kind} className="identity-group">
          <dt>
            <ChannelBadge channel={kind} showName />
          </dt>
          {items.length === 0 && <dd className="muted">Not connected</dd>}
          {items.map((identity) => (
            <dd key={identity.id}>
              <span className="identity-label">{identityLabel(identity)}</span>
              {identity.displayName && identity.kind === 'instagram' && identity.username && <span className="muted"> ({identity.displayName})</span>}
              {identity.conversation && (
                <span className="identity-conversation">
                  <Link to={`/chat/${identity.conversation.id}`}>Open the {CHANNEL_NAME[kind]} conversation</Link>
                  <span className="muted">
                    {identity.conversation.replyWindowOpen
                      ? ` · replies open until ${fullTime(identity.conversation.replyWindowClosesAt!)}`
                      : ' · reply window closed'}
                  </span>
                </span>
              )}
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}
