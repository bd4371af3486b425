import { AlertCircle, Check, CheckCheck, Clock } from 'lucide-react';
import type { Message } from '../api/list-contact-timeline';

/** Where an outbound message is: sending, sent, delivered, read, or failed with Meta's reason. */
export function MessageStatus({ message }: { message: Message }) {
  switch (message.status) {
    case 'pending':
      return (
        <span className="msg-status">
          <Clock aria-hidden="true" size={14} /> Sending
        </span>
      );
    case 'sent':
      return (
        <span className="msg-status">
          <Check aria-hidden="true" size={14} /> Sent
        </span>
      );
    case 'delivered':
      return (
        <span className="msg-status">
          <CheckCheck aria-hidden="true" size={14} /> Delivered
        </span>
      );
    case 'read':
      return (
        <span className="msg-status msg-status-read">
          <CheckCheck aria-hidden="true" size={14} /> Read
        </span>
      );
    case 'failed':
      return (
        <span className="msg-status msg-status-failed">
          <AlertCircle aria-hidden="true" size={14} /> Not delivered
          {message.error && `: ${message.error.title ?? 'Meta refused it'} (error ${message.error.code})`}
        </span>
      );
    default:
      return null;
  }
}
