import type { ReactNode } from 'react';
import type { ThreadMessage } from '../api/types';
import { cx } from '../../../components/ui/cx';

/** How a message's platform status reads on a phone. */
const STATUS_WORDS: Record<string, string> = {
  accepted: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
  received: 'Sent',
};

export interface MessageBubbleProps {
  message: ThreadMessage;
  /** Shown under the text: template buttons, reply buttons. */
  children?: ReactNode;
  /** The business's messages carry their delivery status for the simulator's user to watch. */
  showStatus?: boolean;
}

/** One message on a phone screen: the customer's on the right, the business's on the left. */
export function MessageBubble({ message, children, showStatus = true }: MessageBubbleProps) {
  const mine = message.direction === 'from_customer';
  const time = new Date(message.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const status = message.status === 'system' ? undefined : STATUS_WORDS[message.status] ?? message.status;
  return (
    <li className={cx('sbx-message', mine ? 'sbx-message-mine' : 'sbx-message-theirs')}>
      <div className={cx('sbx-bubble', Boolean(children) && 'sbx-bubble-card')}>
        {message.text !== undefined && message.text !== '' ? (
          <p className="sbx-text">{message.text}</p>
        ) : (
          !children && <p className="sbx-text sbx-text-muted">[unsupported message]</p>
        )}
        {children}
      </div>
      <p className="sbx-meta">
        <span className="visually-hidden">{mine ? 'You' : 'Business'}, </span>
        <time dateTime={new Date(message.createdAt).toISOString()}>{time}</time>
        {showStatus && status && <span className={cx('sbx-status', `sbx-status-${message.status}`)}> · {status}</span>}
      </p>
    </li>
  );
}
