import { useEffect, useRef, useState } from 'react';
import { FormError } from '../../../components/ui/alert';
import { errorMessage } from '../../../lib/api';
import type { SandboxBusiness } from '../api/get-business';
import { useThreads } from '../api/get-threads';
import { InstagramScreen } from './instagram-screen';
import { WhatsAppScreen } from './whatsapp-screen';

/**
 * One simulated customer's two phones, side by side (stacked on narrow screens). Tapping a wa.me
 * link on Instagram does what the phone does: switches to WhatsApp with the link's text typed in,
 * ready to edit and send; tapping an ig.me link on WhatsApp switches to Instagram on the
 * business's chat.
 */
export function CustomerPhones({ customerId, business }: { customerId: string; business: SandboxBusiness }) {
  const threads = useThreads(customerId);
  const [whatsappDraft, setWhatsappDraft] = useState('');
  const [openedFromLink, setOpenedFromLink] = useState(0);
  const whatsappInput = useRef<HTMLTextAreaElement>(null);
  const [openedInstagram, setOpenedInstagram] = useState(0);
  const instagramInput = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!openedInstagram) return;
    const input = instagramInput.current;
    input?.closest('section')?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    input?.focus();
    const timer = window.setTimeout(() => setOpenedInstagram(0), 1_500);
    return () => window.clearTimeout(timer);
  }, [openedInstagram]);

  useEffect(() => {
    if (!openedFromLink) return;
    const input = whatsappInput.current;
    input?.closest('section')?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    input?.focus();
    input?.setSelectionRange(input.value.length, input.value.length);
    const timer = window.setTimeout(() => setOpenedFromLink(0), 1_500);
    return () => window.clearTimeout(timer);
  }, [openedFromLink]);

  if (threads.isPending) return <p className="sbx-loading">Loading the customer’s phones…</p>;
  if (threads.isError) return <FormError>{errorMessage(threads.error)}</FormError>;

  const { customer, instagram, whatsapp } = threads.data;
  return (
    <>
      <header className="sbx-customer-header">
        <h2>{customer.name}</h2>
        <p className="sbx-muted">
          Instagram @{customer.igUsername} · WhatsApp {customer.phone ?? `without a visible number (user id ${customer.bsuid})`}
        </p>
      </header>
      <div className="sbx-phones">
      <InstagramScreen
        customerId={customer.id}
        business={business}
        messages={instagram}
        onOpenWhatsApp={(text) => {
          setWhatsappDraft(text);
          setOpenedFromLink(Date.now());
        }}
        inputRef={instagramInput}
        highlighted={openedInstagram > 0}
      />
      <WhatsAppScreen
        customer={customer}
        business={business}
        messages={whatsapp}
        draft={whatsappDraft}
        onDraftChange={setWhatsappDraft}
        inputRef={whatsappInput}
        highlighted={openedFromLink > 0}
        onOpenedInstagram={() => setOpenedInstagram(Date.now())}
      />
      </div>
    </>
  );
}
