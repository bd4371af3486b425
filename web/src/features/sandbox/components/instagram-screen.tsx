import { type RefObject, useCallback, useState } from 'react';
import { InstagramIcon } from '../../../components/icons/channel-icons';
import { errorMessage } from '../../../lib/api';
import type { SandboxBusiness } from '../api/get-business';
import { useMarkInstagramSeen } from '../api/mark-instagram-seen';
import { useSendCustomerMedia } from '../api/send-customer-media';
import { useSendInstagramMessage } from '../api/send-instagram-message';
import { useTapInstagramPostback } from '../api/tap-instagram-postback';
import { useTapInstagramQuickReply } from '../api/tap-instagram-quick-reply';
import type { SandboxButton, ThreadMessage } from '../api/types';
import type { ButtonAction } from '../lib/button-actions';
import { MessageBubble } from './message-bubble';
import { MessageButtons } from './message-buttons';
import { PhoneScreen } from './phone-screen';
import { useMarkSeenWhileVisible } from './use-mark-seen';

export interface InstagramScreenProps {
  customerId: string;
  business: SandboxBusiness;
  messages: ThreadMessage[];
  /** A wa.me button to the business was tapped: open WhatsApp with this text. */
  onOpenWhatsApp: (text: string) => void;
  /** Instagram was just opened from an ig.me link: the screen shows it and its composer has focus. */
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  highlighted?: boolean;
}

/** The customer's Instagram Direct thread with the business. */
export function InstagramScreen({ customerId, business, messages, onOpenWhatsApp, inputRef, highlighted }: InstagramScreenProps) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useSendInstagramMessage(customerId);
  const sendMedia = useSendCustomerMedia(customerId);
  const quickReply = useTapInstagramQuickReply(customerId);
  const postback = useTapInstagramPostback(customerId);
  const seen = useMarkInstagramSeen(customerId);
  const markSeen = useCallback(() => seen.mutate(), [seen.mutate]);
  useMarkSeenWhileVisible(messages, markSeen);

  const report = (failure: unknown) => setError(errorMessage(failure));
  const onTap = (action: Exclude<ButtonAction, { kind: 'broken' }>, button: SandboxButton) => {
    setError(null);
    if (action.kind === 'open-whatsapp') onOpenWhatsApp(action.text);
    else if (action.kind === 'open-url') window.open(action.url, '_blank', 'noopener,noreferrer');
    else if (action.kind === 'instagram-postback') postback.mutate({ title: button.title, payload: action.payload }, { onError: report });
  };

  // Instagram shows quick replies only under the newest message, until one is tapped.
  const last = messages.at(-1);
  const chips = last?.direction === 'to_customer' ? last.quickReplies ?? [] : [];

  return (
    <PhoneScreen
      app="Instagram"
      contactName={business.instagram.name}
      contactDetail={`@${business.instagram.username}`}
      icon={<InstagramIcon size={18} />}
      messageCount={messages.length}
      draft={draft}
      onDraftChange={setDraft}
      inputRef={inputRef}
      highlighted={highlighted}
      sending={send.isPending}
      error={error}
      mediaActions={
        <button type="button" className="sbx-chip" disabled={sendMedia.isPending} onClick={() => sendMedia.mutate('instagram-photo', { onError: report })}>
          Send a photo
        </button>
      }
      onSend={() => {
        setError(null);
        send.mutate(draft, { onSuccess: () => setDraft(''), onError: report });
      }}
      aboveComposer={
        chips.length > 0 && (
          <ul className="sbx-quick-replies" aria-label="Quick replies">
            {chips.map((chip) => (
              <li key={`${chip.payload}-${chip.title}`}>
                <button
                  type="button"
                  className="sbx-chip"
                  disabled={quickReply.isPending}
                  onClick={() => quickReply.mutate(chip, { onError: report })}
                >
                  {chip.title}
                </button>
              </li>
            ))}
          </ul>
        )
      }
    >
      {messages.length === 0 && <li className="sbx-empty">Say hi to {business.instagram.name}.</li>}
      {messages.map((message) => (
        <MessageBubble key={message.id} message={message} showStatus={message.direction === 'to_customer' || message.status === 'read'}>
          {message.buttons && message.buttons.length > 0 ? (
            <MessageButtons buttons={message.buttons} businessPhoneDigits={business.whatsapp.displayPhoneNumber} onTap={onTap} disabled={postback.isPending} />
          ) : (
            templateIsBroken(message) && <MessageButtons buttons={[{ kind: 'unknown', title: 'Open' }]} businessPhoneDigits="" onTap={() => undefined} />
          )}
        </MessageBubble>
      ))}
    </PhoneScreen>
  );
}

/** A template whose buttons the platform could not read is still a card, with nothing that opens. */
function templateIsBroken(message: ThreadMessage): boolean {
  const attachment = (message.body as { message?: { attachment?: { type?: string; payload?: { buttons?: unknown } } } } | null)?.message?.attachment;
  return message.direction === 'to_customer' && attachment?.type === 'template' && !Array.isArray(attachment.payload?.buttons);
}
