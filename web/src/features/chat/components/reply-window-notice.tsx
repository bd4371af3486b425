import { Clock } from 'lucide-react';
import type { ChannelKind } from '../../../lib/channel-kind';
import { CHANNEL_NAME, fullTime } from '../../../lib/format';
import type { ReplyWindow } from '../api/conversation-schema';

/** From the end of the 24 hours to the end of Instagram's 7 days for human agents. */
const SIX_DAYS_MS = 6 * 24 * 60 * 60 * 1000;

/**
 * Says that the chosen channel cannot be answered now, since when, and what reopens it; or, on
 * Instagram between 24 hours and 7 days, that a reply goes out as a human agent's, until when.
 */
export function ReplyWindowNotice({ channel, window }: { channel: ChannelKind; window: ReplyWindow }) {
  const name = CHANNEL_NAME[channel];
  if (window.humanAgentUntil !== undefined) {
    return (
      <p className="reply-window-notice" role="note">
        <Clock aria-hidden="true" size={16} />
        {`Human agent reply: allowed until ${fullTime(window.humanAgentUntil)}. The 24-hour window closed, so Instagram takes only a person's reply, tagged as one.`}
      </p>
    );
  }
  const closedAt = window.closedAt ?? window.closesAt;
  return (
    <p className="reply-window-notice" role="note">
      <Clock aria-hidden="true" size={16} />
      {closedAt === null || closedAt === undefined
        ? `The customer has not written on ${name} yet, and ${name} only lets a business reply after the customer’s message.`
        : channel === 'instagram'
          ? `The ${name} reply window closed at ${fullTime(closedAt + SIX_DAYS_MS)} (7 days after the customer’s last message, the end of human agent replies). You can reply again as soon as the customer writes on ${name}.`
          : `The ${name} reply window closed at ${fullTime(closedAt)} (24 hours after the customer’s last message). You can reply again as soon as the customer writes on ${name}.`}
    </p>
  );
}
