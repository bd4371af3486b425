import type { ReactNode } from 'react';
import type { ThreadMessage } from '../api/types';
import { cx } from '../../../components/ui/cx';
import { SANDBOX_API } from '../api/types';

/** The file a message carries, as the phone shows it. */
function BubbleMedia({ media, mine }: { media: NonNullable<ThreadMessage['media']>; mine: boolean }) {
  const src = `${SANDBOX_API}/media/${encodeURIComponent(media.id)}`;
  const from = mine ? 'you' : 'the business';
  if (media.kind === 'image' || media.kind === 'sticker') return <img className="sbx-media-image" src={src} alt={`Photo from ${from}`} />;
  if (media.kind === 'audio') return <audio className="sbx-media-audio" controls preload="metadata" src={src} aria-label={media.voice ? `Voice note from ${from}` : `Audio from ${from}`} />;
  if (media.kind === 'video') return <video className="sbx-media-video" controls preload="metadata" src={src} aria-label={`Video from ${from}`} />;
  return (
    <a className="sbx-media-file" href={src} download={media.filename ?? 'document'}>
      {media.filename ?? 'Document'}
    </a>
  );
}

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
        {message.media && <BubbleMedia media={message.media} mine={mine} />}
        {message.text !== undefined && message.text !== '' ? (
          <p className="sbx-text">{message.text}</p>
        ) : (
          !children && !message.media && <p className="sbx-text sbx-text-muted">[unsupported message]</p>
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
