import { InstagramIcon, WhatsAppIcon } from '../../../components/icons/channel-icons';
import { cx } from '../../../components/ui/cx';
import type { ChannelKind } from '../../channels/api/list-channels';
import { CHANNEL_NAME } from '../lib/format';

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
