import { FileText, Link as LinkIcon, MapPin } from 'lucide-react';
import { isWebLink } from '../../../lib/web-link';
import type { Message } from '../api/list-contact-timeline';
import { attachmentsOf, locationOf, outboundContentOf, type Attachment } from '../lib/timeline';
import { MediaFileView } from './media-file-view';

function AttachmentView({ attachment }: { attachment: Attachment }) {
  if (!isWebLink(attachment.url)) {
    return <span className="msg-attachment muted">[{attachment.type}{attachment.filename ? `: ${attachment.filename}` : ''}]</span>;
  }
  if (attachment.type === 'image' || attachment.type === 'sticker') {
    return (
      <a href={attachment.url} target="_blank" rel="noreferrer" className="msg-image-link">
        <img className="msg-image" src={attachment.url} alt={attachment.caption ?? `Image from the ${attachment.type === 'sticker' ? 'customer (sticker)' : 'conversation'}`} loading="lazy" />
      </a>
    );
  }
  return (
    <a href={attachment.url} target="_blank" rel="noreferrer" className="msg-attachment">
      <FileText aria-hidden="true" size={16} />
      {attachment.filename ?? `Open ${attachment.type}`}
    </a>
  );
}

/** The body of a customer's or the business's message: text, attachments, and what it offered to tap. */
export function MessageContent({ message, customerName }: { message: Message; customerName: string }) {
  const attachments = attachmentsOf(message);
  const outbound = outboundContentOf(message);
  const location = locationOf(message);
  // Files Braid keeps replace the attachment links they came from (Meta's URLs expire).
  const stored = new Map((message.media ?? []).map((file) => [file.id, file]));
  const files = message.media ?? [];
  const caption = outbound?.kind === 'attachment' || outbound?.kind === 'file' ? undefined : (message.text ?? attachments.find((a) => a.caption)?.caption);
  return (
    <>
      {files.map((file) => (
        <MediaFileView key={file.id} file={file} customerName={customerName} voice={attachments.some((a) => a.voice)} sent={message.direction === 'outbound'} />
      ))}
      {caption && <p className="msg-text">{caption}</p>}
      {stored.size === 0 &&
        attachments.map((attachment, index) => <AttachmentView key={index} attachment={attachment} />)}
      {location && (
        <p className="msg-location">
          <MapPin aria-hidden="true" size={14} />{' '}
          {location.name && <span>{location.name}: </span>}
          <a href={`https://www.openstreetmap.org/?mlat=${location.latitude}&mlon=${location.longitude}#map=16/${location.latitude}/${location.longitude}`} target="_blank" rel="noreferrer">
            {location.latitude.toFixed(5)}, {location.longitude.toFixed(5)}
          </a>
          {location.address && <span className="muted"> ({location.address})</span>}
        </p>
      )}
      {outbound?.replies && (
        <ul className="msg-choices" aria-label="Quick replies offered">
          {outbound.replies.map((reply) => (
            <li key={reply.title}>{reply.title}</li>
          ))}
        </ul>
      )}
      {outbound?.buttons && (
        <ul className="msg-choices" aria-label="Buttons offered">
          {outbound.buttons.map((button) => (
            <li key={button.title}>
              {isWebLink(button.url) ? (
                <a href={button.url} target="_blank" rel="noreferrer">
                  <LinkIcon aria-hidden="true" size={12} /> {button.title}
                </a>
              ) : (
                button.title
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
