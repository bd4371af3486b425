import { SendHorizontal } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { FormError } from '../../../components/ui/alert';
import { cx } from '../../../components/ui/cx';

export interface PhoneScreenProps {
  /** The region's accessible name: "Instagram" or "WhatsApp". */
  app: 'Instagram' | 'WhatsApp';
  /** Who the customer is talking to, shown in the app's header. */
  contactName: string;
  contactDetail: string;
  icon: ReactNode;
  /** The thread's items (<li>), oldest first. */
  children: ReactNode;
  /** Shown above the composer, e.g. quick reply chips. */
  aboveComposer?: ReactNode;
  /** Things the customer can send besides text (a photo, a voice note). */
  mediaActions?: ReactNode;
  draft: string;
  onDraftChange: (text: string) => void;
  onSend: () => void;
  sending: boolean;
  error?: string | null;
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  /** Marks the screen as just opened from a link, so the eye finds it. */
  highlighted?: boolean;
  /** Count of messages, so the thread scrolls to the newest when it grows. */
  messageCount: number;
}

/**
 * A phone-sized screen of one messaging app: header, the thread and a composer. Its controls
 * are named the same on both screens ("Message", "Send"), scoped by the region's name.
 */
export function PhoneScreen(props: PhoneScreenProps) {
  const { app, contactName, contactDetail, icon, children, aboveComposer, mediaActions, draft, onDraftChange, onSend, sending, error, inputRef, highlighted, messageCount } = props;
  const inputId = useId();
  const threadRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const thread = threadRef.current;
    if (thread) thread.scrollTop = thread.scrollHeight;
  }, [messageCount]);

  return (
    <section aria-label={app} className={cx('sbx-phone', `sbx-phone-${app.toLowerCase()}`, highlighted && 'sbx-phone-highlighted')}>
      <header className="sbx-phone-header">
        <span className="sbx-phone-app">
          {icon}
          {app}
        </span>
        <span className="sbx-phone-contact">
          <strong>{contactName}</strong>
          <span>{contactDetail}</span>
        </span>
      </header>
      <ol ref={threadRef} className="sbx-thread" aria-label={`${app} messages`}>
        {children}
      </ol>
      {aboveComposer}
      {mediaActions && <div className="sbx-media-actions">{mediaActions}</div>}
      <form
        className="sbx-composer"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim() && !sending) onSend();
        }}
      >
        <label className="visually-hidden" htmlFor={inputId}>
          Message
        </label>
        <textarea
          ref={inputRef}
          id={inputId}
          className="sbx-input"
          rows={1}
          placeholder="Message…"
          value={draft}
          onChange={(event) => onDraftChange(event.target.value)}
          onKeyDown={(event) => {
            // Enter sends, as on a phone's keyboard; Shift+Enter keeps a line break.
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <button type="submit" className="sbx-send" aria-label="Send" title="Send" disabled={!draft.trim()} aria-busy={sending || undefined}>
          <SendHorizontal aria-hidden="true" size={18} />
        </button>
      </form>
      {error && <FormError className="sbx-phone-error">{error}</FormError>}
    </section>
  );
}
