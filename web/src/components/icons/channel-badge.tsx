import type { ChannelKind } from '../../lib/channel-kind';
import { CHANNEL_NAME } from '../../lib/format';
import { cx } from '../ui/cx';
import { InstagramIcon, WhatsAppIcon } from './channel-icons';
import './channel-badge.css';

/** The channel's glyph with its name for screen readers (or shown, with `showName`). */
export function ChannelBadge({ channel, showName = false, className }: { channel: ChannelKind; showName?: boolean; className?: string }) {
  const Icon = channel === 'instagram' ? InstagramIcon : WhatsAppIcon;
  return (
    <span className={cx('channel-badge', `channel-${channel}`, className)}>
      <Icon size={16} />
      <span className={showName ? undefined : 'visually-hidden'}>{CHANNEL_NAME[channel]}</span>
    </span>
  );
}
