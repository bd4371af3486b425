import { FileText, Link as LinkIcon } from 'lucide-react';
import { isWebLink } from '../../../lib/web-link';
import type { Message } from '../api/list-contact-timeline';
import { attachmentsOf, outboundContentOf, type Attachment } from '../lib/timeline';

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
export function MessageContent({ message }: { message: Message }) {
  const attachments = attachmentsOf(message);
  const outbound = outboundContentOf(message);
  const caption = outbound?.kind === 'attachment' ? undefined : message.text;
  return (
    <>
      {caption && <p className="msg-text">{caption}</p>}
      {attachments.map((attachment, index) => (
        <AttachmentView key={index} attachment={attachment} />
      ))}
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
