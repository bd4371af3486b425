import { Clock } from 'lucide-react';
import type { ChannelKind } from '../../../lib/channel-kind';
import { CHANNEL_NAME, fullTime } from '../../../lib/format';
import type { ReplyWindow } from '../api/conversation-schema';

/** Says that the chosen channel cannot be answered now, since when, and what reopens it. */
export function ReplyWindowNotice({ channel, window }: { channel: ChannelKind; window: ReplyWindow }) {
  const name = CHANNEL_NAME[channel];
  const closedAt = window.closedAt ?? window.closesAt;
  return (
    <p className="reply-window-notice" role="note">
      <Clock aria-hidden="true" size={16} />
      {closedAt === null || closedAt === undefined
        ? `The customer has not written on ${name} yet, and ${name} only lets a business reply after the customer’s message.`
        : `The ${name} reply window closed at ${fullTime(closedAt)} (24 hours after the customer’s last message). You can reply again as soon as the customer writes on ${name}.`}
    </p>
  );
}
