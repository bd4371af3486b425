import { useCallback, useState, type RefObject } from 'react';
import { WhatsAppIcon } from '../../../components/icons/channel-icons';
import { errorMessage } from '../../../lib/api';
import type { SandboxBusiness } from '../api/get-business';
import { useSendCustomerMedia } from '../api/send-customer-media';
import { useSendWhatsAppMessage } from '../api/send-whatsapp-message';
import { useShareWhatsAppPhone } from '../api/share-whatsapp-phone';
import { useTapWhatsAppButton } from '../api/tap-whatsapp-button';
import { useOpenInstagramLink } from '../api/open-instagram-link';
import type { SandboxButton, SandboxCustomer, ThreadMessage } from '../api/types';
import { useViewWhatsAppChat } from '../api/view-whatsapp-chat';
import type { ButtonAction } from '../lib/button-actions';
import { MessageBubble } from './message-bubble';
import { MessageButtons } from './message-buttons';
import { PhoneScreen } from './phone-screen';
import { useMarkSeenWhileVisible } from './use-mark-seen';

export interface WhatsAppScreenProps {
  customer: SandboxCustomer;
  business: SandboxBusiness;
  messages: ThreadMessage[];
  /** The composer's text lives with the page, so a wa.me link from Instagram can fill it. */
  draft: string;
  onDraftChange: (text: string) => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  highlighted: boolean;
  /** An ig.me link was tapped and Instagram opened on the business's chat. */
  onOpenedInstagram: () => void;
}

/** The customer's WhatsApp chat with the business number. */
export function WhatsAppScreen({ customer, business, messages, draft, onDraftChange, inputRef, highlighted, onOpenedInstagram }: WhatsAppScreenProps) {
  const [error, setError] = useState<string | null>(null);
  const send = useSendWhatsAppMessage(customer.id);
  const sendMedia = useSendCustomerMedia(customer.id);
  const tapButton = useTapWhatsAppButton(customer.id);
  const sharePhone = useShareWhatsAppPhone(customer.id);
  const openInstagram = useOpenInstagramLink(customer.id);
  const view = useViewWhatsAppChat(customer.id);
  const markRead = useCallback(() => view.mutate(), [view.mutate]);
  useMarkSeenWhileVisible(messages, markRead);

  const report = (failure: unknown) => setError(errorMessage(failure));
  const tapOn = (message: ThreadMessage) => (action: Exclude<ButtonAction, { kind: 'broken' }>, button: SandboxButton) => {
    setError(null);
    if (action.kind === 'whatsapp-reply') tapButton.mutate({ id: action.id, title: button.title, contextWamid: message.externalId }, { onError: report });
    else if (action.kind === 'share-phone') {
      if (customer.phone) sharePhone.mutate(undefined, { onError: report });
      else setError('This customer has no phone number to share.');
    } else if (action.kind === 'open-instagram') openInstagram.mutate(action.url, { onSuccess: onOpenedInstagram, onError: report });
    else if (action.kind === 'open-whatsapp') onDraftChange(action.text);
    else if (action.kind === 'open-url') window.open(action.url, '_blank', 'noopener,noreferrer');
  };

  const number = `+${business.whatsapp.displayPhoneNumber.replace(/\D/g, '')}`;
  return (
    <PhoneScreen
      app="WhatsApp"
      contactName={business.whatsapp.name}
      contactDetail={number}
      icon={<WhatsAppIcon size={18} />}
      messageCount={messages.length}
      draft={draft}
      onDraftChange={onDraftChange}
      inputRef={inputRef}
      highlighted={highlighted}
      sending={send.isPending}
      error={error}
      mediaActions={
        <>
          <button type="button" className="sbx-chip" disabled={sendMedia.isPending} onClick={() => sendMedia.mutate('whatsapp-photo', { onError: report })}>
            Send a photo
          </button>
          <button type="button" className="sbx-chip" disabled={sendMedia.isPending} onClick={() => sendMedia.mutate('whatsapp-voice-note', { onError: report })}>
            Send a voice note
          </button>
        </>
      }
      onSend={() => {
        setError(null);
        send.mutate(draft, { onSuccess: () => onDraftChange(''), onError: report });
      }}
    >
      {messages.length === 0 && <li className="sbx-empty">No messages with {number} yet.</li>}
      {messages.map((message) => (
        <MessageBubble key={message.id} message={message}>
          {message.buttons && message.buttons.length > 0 && (
            <MessageButtons
              buttons={message.buttons}
              businessPhoneDigits={business.whatsapp.displayPhoneNumber}
              onTap={tapOn(message)}
              disabled={tapButton.isPending || sharePhone.isPending || openInstagram.isPending}
            />
          )}
        </MessageBubble>
      ))}
    </PhoneScreen>
  );
}
