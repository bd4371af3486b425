import { Bot, GitMerge, Info, Split, StickyNote, UserCheck } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { InstagramIcon, WhatsAppIcon } from '../../../components/icons/channel-icons';
import { cx } from '../../../components/ui/cx';
import { CHANNEL_NAME, fullTime, messageTime } from '../../../lib/format';
import type { Message } from '../api/list-contact-timeline';
import { payloadNumber, payloadString } from '../lib/timeline';
import { MergeRequestCard } from './merge-request-card';

const INVITE_STATE: Record<string, string> = {
  sent: 'Sent, waiting for the customer',
  connected: 'Connected: the customer sent the code on WhatsApp',
  merged: 'Merged',
  expired: 'Expired',
  superseded: 'Replaced by a newer invite',
  rejected: 'Rejected',
  disputed: 'Disputed: the customer tapped Not me, the merge was undone',
};

const ICONS: Record<string, LucideIcon> = {
  automation: Bot,
  merge: GitMerge,
  unmerge: Split,
  note: StickyNote,
  assignment: UserCheck,
};

function InviteItem({ item }: { item: Message }) {
  const state = payloadString(item, 'state') ?? 'sent';
  const expiresAt = payloadNumber(item, 'expiresAt');
  // An unused invite is not rewritten when it runs out; show it as what it is now.
  const shown = state === 'sent' && expiresAt !== undefined && expiresAt <= Date.now() ? 'expired' : state;
  // The icon is where the invite takes the customer: WhatsApp, or Instagram for an Instagram link.
  const Icon = payloadString(item, 'direction') === 'to_instagram' ? InstagramIcon : WhatsAppIcon;
  return (
    <li className="system-item system-invite">
      <Icon size={16} />
      <span>
        <strong>{item.text ?? 'WhatsApp invite sent'}</strong> · <span className={cx('invite-state', `invite-state-${shown}`)}>{INVITE_STATE[shown] ?? shown}</span>
        {shown === 'sent' && expiresAt !== undefined && <span className="muted"> · valid until {fullTime(expiresAt)}</span>}
      </span>
      <time className="system-item-time" dateTime={new Date(item.at).toISOString()} title={fullTime(item.at)}>
        {messageTime(item.at)}
      </time>
    </li>
  );
}

/**
 * A line between the messages that nobody sent to the customer: what the automation did,
 * invites with their live state, merge requests, merges and undos, notes.
 */
export function SystemItem({ item }: { item: Message }) {
  if (item.type === 'merge_request') return <MergeRequestCard item={item} />;
  if (item.type === 'invite') return <InviteItem item={item} />;
  const Icon = ICONS[item.type] ?? Info;
  return (
    <li className={cx('system-item', `system-${item.type}`)}>
      <Icon aria-hidden="true" size={16} />
      <span>
        {item.text ?? item.type}
        <span className="visually-hidden">{` (in the ${CHANNEL_NAME[item.channel]} conversation)`}</span>
      </span>
      <time className="system-item-time" dateTime={new Date(item.at).toISOString()} title={fullTime(item.at)}>
        {messageTime(item.at)}
      </time>
    </li>
  );
}
