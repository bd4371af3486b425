import { ChannelBadge } from '../../../components/icons/channel-badge';
import { cx } from '../../../components/ui/cx';
import { CHANNEL_NAME, fullTime, messageTime } from '../../../lib/format';
import type { Message } from '../api/list-contact-timeline';
import { MessageContent } from './message-content';
import { MessageStatus } from './message-status';

const SENDER: Record<string, string> = { agent: 'Agent', automation: 'Automation', system: 'Braid' };

/** A message to or from the customer, marked with its channel, so one timeline can hold both. */
export function MessageItem({ message, authorName, customerName }: { message: Message; authorName?: string; customerName: string }) {
  const inbound = message.direction === 'inbound';
  const who = inbound ? 'Customer' : (authorName ?? SENDER[message.sentBy] ?? 'Business');
  return (
    <li className={cx('msg', inbound ? 'msg-inbound' : 'msg-outbound', `msg-${message.channel}`)}>
      <div className="msg-bubble">
        <p className="msg-meta">
          <ChannelBadge channel={message.channel} />
          <span className="visually-hidden">{`${who} on ${CHANNEL_NAME[message.channel]}, `}</span>
          <span aria-hidden="true">{who}</span>
          <time dateTime={new Date(message.at).toISOString()} title={fullTime(message.at)}>
            {messageTime(message.at)}
          </time>
        </p>
        <MessageContent message={message} customerName={customerName} />
        {!inbound && <MessageStatus message={message} />}
      </div>
    </li>
  );
}
